import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * outbox (traceparent, tracestate): the W3C trace context of the transaction that wrote the
 * row, so the relay and the subscribers continue its trace (docs/observability.md). Nullable:
 * rows written while tracing is off, or before this migration, have none.
 */
export class OutboxTraceContext1796221686661 implements MigrationInterface {
  name = 'OutboxTraceContext1796221686661';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`outbox\` ADD \`traceparent\` varchar(55) NULL`);
    await queryRunner.query(`ALTER TABLE \`outbox\` ADD \`tracestate\` varchar(512) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`outbox\` DROP COLUMN \`tracestate\``);
    await queryRunner.query(`ALTER TABLE \`outbox\` DROP COLUMN \`traceparent\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM also re-emits every
 * nullable column and some indexes of earlier tables (a known false diff); only the changes of
 * this migration are kept. processed_events: per-subscriber dedupe; outbox.deliver_at: delayed delivery.
 */
export class AsyncBackbone1795456008566 implements MigrationInterface {
  name = 'AsyncBackbone1795456008566';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`processed_events\` (\`subscriber\` varchar(100) NOT NULL, \`event_id\` binary(16) NOT NULL, \`processed_at\` datetime(3) NOT NULL, INDEX \`ix_processed_events_at\` (\`processed_at\`), PRIMARY KEY (\`subscriber\`, \`event_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`outbox\` ADD \`deliver_at\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`outbox\` DROP COLUMN \`deliver_at\``);
    await queryRunner.query(`DROP TABLE \`processed_events\``);
  }
}

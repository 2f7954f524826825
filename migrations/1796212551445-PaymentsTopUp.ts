import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment context (docs/payments.md): `payments`, Atrium's record of each payment at the
 * external provider; `payment_events`, the provider events already handled (the webhook's
 * dedupe); `sandbox_charges`, the built-in sandbox provider's own charges.
 */
export class PaymentsTopUp1796212551445 implements MigrationInterface {
  name = 'PaymentsTopUp1796212551445';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`payment_events\` (\`provider\` varchar(16) NOT NULL, \`event_id\` varchar(128) NOT NULL, \`type\` varchar(64) NOT NULL, \`received_at\` datetime(3) NOT NULL, PRIMARY KEY (\`provider\`, \`event_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`payments\` (\`id\` binary(16) NOT NULL, \`payer_id\` binary(16) NOT NULL, \`purpose\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`amount\` bigint NOT NULL, \`currency\` char(3) NOT NULL, \`provider\` varchar(16) NOT NULL, \`provider_ref\` varchar(64) NOT NULL, \`checkout_url\` varchar(512) NOT NULL, \`account_id\` binary(16) NULL, \`order_id\` binary(16) NULL, \`article_id\` binary(16) NULL, \`transfer_id\` binary(16) NULL, \`refund_transfer_id\` binary(16) NULL, \`failure_reason\` varchar(32) NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`ix_payments_payer\` (\`payer_id\`, \`id\`), UNIQUE INDEX \`uq_payments_provider_ref\` (\`provider\`, \`provider_ref\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sandbox_charges\` (\`provider_ref\` varchar(64) NOT NULL, \`payment_id\` binary(16) NOT NULL, \`amount\` bigint NOT NULL, \`currency\` char(3) NOT NULL, \`description\` varchar(255) NOT NULL, \`status\` varchar(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`settled_at\` datetime(3) NULL, INDEX \`ix_sandbox_charges_settled_at\` (\`settled_at\`), UNIQUE INDEX \`uq_sandbox_charges_payment\` (\`payment_id\`), PRIMARY KEY (\`provider_ref\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`sandbox_charges\``);
    await queryRunner.query(`DROP TABLE \`payments\``);
    await queryRunner.query(`DROP TABLE \`payment_events\``);
  }
}

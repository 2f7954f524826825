import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reconciliation of refunds (docs/payments.md "Reconciliation"): payments.succeeded_at (the
 * day of a payment's charge line, kept through a later refund) and payments.refunded_at (its
 * refund line); sandbox_charges.refunded_at (the sandbox's refund lines). Each indexed for the
 * day's range read.
 *
 * The backfill (hand-written; generation cannot express it) gives existing rows the best time
 * they have:
 * - succeeded: succeeded_at = updated_at (the success was their last change);
 * - refund_pending / refunded that moved money (transfer_id set, a stay refund): succeeded_at =
 *   the created_at of that clearing transfer, the moment the money was applied;
 * - refund_pending without a transfer (a late success): succeeded_at = updated_at (the late
 *   success was their last change); refunded without a transfer: updated_at too, an
 *   approximation (the refund's time: the success's own time was not kept);
 * - refunded: refunded_at = updated_at (refunded is final: its last change);
 * - sandbox charges refunded: refunded_at = their payment's refunded_at, else settled_at.
 */
export class PaymentsRefundReconciliation1796221290587 implements MigrationInterface {
  name = 'PaymentsRefundReconciliation1796221290587';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`payments\` ADD \`succeeded_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`payments\` ADD \`refunded_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`sandbox_charges\` ADD \`refunded_at\` datetime(3) NULL`);

    await queryRunner.query(
      `UPDATE \`payments\` SET \`succeeded_at\` = \`updated_at\` WHERE \`status\` = 'succeeded'`,
    );
    await queryRunner.query(
      `UPDATE \`payments\` p LEFT JOIN \`transfers\` t ON t.\`id\` = p.\`transfer_id\`
       SET p.\`succeeded_at\` = COALESCE(t.\`created_at\`, p.\`updated_at\`)
       WHERE p.\`status\` IN ('refund_pending', 'refunded')`,
    );
    await queryRunner.query(
      `UPDATE \`payments\` SET \`refunded_at\` = \`updated_at\` WHERE \`status\` = 'refunded'`,
    );
    await queryRunner.query(
      `UPDATE \`sandbox_charges\` c
       LEFT JOIN \`payments\` p ON p.\`provider\` = 'sandbox' AND p.\`provider_ref\` = c.\`provider_ref\`
       SET c.\`refunded_at\` = COALESCE(p.\`refunded_at\`, c.\`settled_at\`)
       WHERE c.\`status\` = 'refunded'`,
    );

    await queryRunner.query(
      `CREATE INDEX \`ix_payments_refunded_at\` ON \`payments\` (\`refunded_at\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_payments_succeeded_at\` ON \`payments\` (\`succeeded_at\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_sandbox_charges_refunded_at\` ON \`sandbox_charges\` (\`refunded_at\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_sandbox_charges_refunded_at\` ON \`sandbox_charges\``);
    await queryRunner.query(`DROP INDEX \`ix_payments_succeeded_at\` ON \`payments\``);
    await queryRunner.query(`DROP INDEX \`ix_payments_refunded_at\` ON \`payments\``);
    await queryRunner.query(`ALTER TABLE \`sandbox_charges\` DROP COLUMN \`refunded_at\``);
    await queryRunner.query(`ALTER TABLE \`payments\` DROP COLUMN \`refunded_at\``);
    await queryRunner.query(`ALTER TABLE \`payments\` DROP COLUMN \`succeeded_at\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** payments (order_id): a stay refund finds and locks the order's provider payment. */
export class PaymentsByOrder1796213000000 implements MigrationInterface {
  name = 'PaymentsByOrder1796213000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX \`ix_payments_order\` ON \`payments\` (\`order_id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_payments_order\` ON \`payments\``);
  }
}

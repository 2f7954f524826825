import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM also re-emits every
 * nullable column and some indexes of earlier tables (a known false diff); only this
 * migration's tables are kept. homestays, and orders with the indexes of the overlap check
 * (homestay_id, check_out), the payment-deadline sweep (status, pay_before) and the
 * guest's / host's newest-first lists.
 */
export class StayHomestaysOrders1795456427057 implements MigrationInterface {
  name = 'StayHomestaysOrders1795456427057';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`homestays\` (\`id\` binary(16) NOT NULL, \`host_id\` binary(16) NOT NULL, \`title\` varchar(120) NOT NULL, \`description\` text NOT NULL, \`city\` varchar(100) NOT NULL, \`price_per_night\` bigint NOT NULL, \`currency\` char(3) NOT NULL, \`max_guests\` smallint NOT NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`ix_homestays_host\` (\`host_id\`), INDEX \`ix_homestays_city\` (\`city\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`orders\` (\`id\` binary(16) NOT NULL, \`homestay_id\` binary(16) NOT NULL, \`guest_id\` binary(16) NOT NULL, \`host_id\` binary(16) NOT NULL, \`check_in\` date NOT NULL, \`check_out\` date NOT NULL, \`nights\` smallint NOT NULL, \`guests\` smallint NOT NULL, \`amount\` bigint NOT NULL, \`currency\` char(3) NOT NULL, \`status\` varchar(16) NOT NULL, \`pay_before\` datetime(3) NOT NULL, \`paid_at\` datetime(3) NULL, \`cancelled_at\` datetime(3) NULL, \`cancel_reason\` varchar(16) NULL, \`transfer_id\` binary(16) NULL, \`check_in_code\` char(6) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_orders_host\` (\`host_id\`, \`id\`), INDEX \`ix_orders_guest\` (\`guest_id\`, \`id\`), INDEX \`ix_orders_status_pay_before\` (\`status\`, \`pay_before\`), INDEX \`ix_orders_homestay_check_out\` (\`homestay_id\`, \`check_out\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`orders\``);
    await queryRunner.query(`DROP TABLE \`homestays\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The system cash account of each currency (owner NULL): deposits come from it, so per
 * currency all balances sum to 0. Fixed ids, mirrored in SYSTEM_ACCOUNT_IDS.
 */
export class SystemCashAccounts1795450077452 implements MigrationInterface {
  name = 'SystemCashAccounts1795450077452';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO \`accounts\` (\`id\`, \`owner_id\`, \`currency\`, \`balance\`, \`created_at\`) VALUES
        (UNHEX('00000000000070008000000000000001'), NULL, 'USD', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000002'), NULL, 'EUR', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000003'), NULL, 'CNY', 0, UTC_TIMESTAMP(3))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM \`accounts\` WHERE \`owner_id\` IS NULL`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The escrow, revenue and clearing system accounts of each currency (owner NULL), beside the
 * cash accounts of SystemCashAccounts. Fixed ids, mirrored in SYSTEM_ACCOUNT_IDS.
 */
export class SystemAccounts1796200158799 implements MigrationInterface {
  name = 'SystemAccounts1796200158799';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO \`accounts\` (\`id\`, \`owner_id\`, \`currency\`, \`balance\`, \`created_at\`) VALUES
        (UNHEX('00000000000070008000000000000011'), NULL, 'USD', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000012'), NULL, 'EUR', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000013'), NULL, 'CNY', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000021'), NULL, 'USD', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000022'), NULL, 'EUR', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000023'), NULL, 'CNY', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000031'), NULL, 'USD', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000032'), NULL, 'EUR', 0, UTC_TIMESTAMP(3)),
        (UNHEX('00000000000070008000000000000033'), NULL, 'CNY', 0, UTC_TIMESTAMP(3))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM \`accounts\` WHERE \`id\` IN (
        UNHEX('00000000000070008000000000000011'), UNHEX('00000000000070008000000000000012'),
        UNHEX('00000000000070008000000000000013'), UNHEX('00000000000070008000000000000021'),
        UNHEX('00000000000070008000000000000022'), UNHEX('00000000000070008000000000000023'),
        UNHEX('00000000000070008000000000000031'), UNHEX('00000000000070008000000000000032'),
        UNHEX('00000000000070008000000000000033'))`,
    );
  }
}

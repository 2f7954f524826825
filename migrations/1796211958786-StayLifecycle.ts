import { MigrationInterface, QueryRunner } from 'typeorm';

const ESCROW_IDS = `UNHEX('00000000000070008000000000000011'), UNHEX('00000000000070008000000000000012'), UNHEX('00000000000070008000000000000013')`;

/** The text form of a BINARY(16) id, as the application writes it (lower-case, dashed). */
const UUID_TEXT = (column: string) =>
  `LOWER(CONCAT_WS('-', HEX(SUBSTR(${column}, 1, 4)), HEX(SUBSTR(${column}, 5, 2)), HEX(SUBSTR(${column}, 7, 2)), HEX(SUBSTR(${column}, 9, 2)), HEX(SUBSTR(${column}, 11, 6))))`;

/**
 * The whole stay lifecycle (check-in, refund, no-show). Orders get the paying account and the
 * transfers and times of each settlement; the check-in code leaves `orders` for
 * `order_check_ins`, hashed.
 *
 * Existing rows:
 *  - every paid order gets its paying account (the payment transfer's source);
 *  - a paid order whose payment went to escrow keeps its emailed code, as an `s0:` hash
 *    (SHA-256 of orderId:code; new codes are keyed `h1:` hashes);
 *  - a paid order from before escrow paid its host directly: it is recorded as checked in at
 *    payment, its payment being its payout, so nothing pays the host a second time or
 *    refunds money escrow never held.
 */
export class StayLifecycle1796211958786 implements MigrationInterface {
  name = 'StayLifecycle1796211958786';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`order_check_ins\` (\`order_id\` binary(16) NOT NULL, \`code_hash\` varchar(80) NOT NULL, \`wrong_codes\` smallint UNSIGNED NOT NULL DEFAULT '0', \`lockouts\` smallint UNSIGNED NOT NULL DEFAULT '0', \`locked_until\` datetime(3) NULL, PRIMARY KEY (\`order_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`paid_from_account_id\` binary(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`checked_in_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`refunded_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`payout_transfer_id\` binary(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`fee_transfer_id\` binary(16) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`refund_transfer_id\` binary(16) NULL`);
    await queryRunner.query(
      `UPDATE \`orders\` o JOIN \`transfers\` t ON t.\`id\` = o.\`transfer_id\`
       SET o.\`paid_from_account_id\` = t.\`from_account_id\``,
    );
    await queryRunner.query(
      `INSERT INTO \`order_check_ins\` (\`order_id\`, \`code_hash\`)
       SELECT o.\`id\`, CONCAT('s0:', SHA2(CONCAT(${UUID_TEXT('o.`id`')}, ':', o.\`check_in_code\`), 256))
       FROM \`orders\` o JOIN \`transfers\` t ON t.\`id\` = o.\`transfer_id\`
       WHERE o.\`status\` = 'paid' AND o.\`check_in_code\` IS NOT NULL AND t.\`to_account_id\` IN (${ESCROW_IDS})`,
    );
    await queryRunner.query(
      `UPDATE \`orders\` o JOIN \`transfers\` t ON t.\`id\` = o.\`transfer_id\`
       SET o.\`status\` = 'checked_in', o.\`checked_in_at\` = o.\`paid_at\`, o.\`payout_transfer_id\` = o.\`transfer_id\`
       WHERE o.\`status\` = 'paid' AND t.\`to_account_id\` NOT IN (${ESCROW_IDS})`,
    );
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`check_in_code\``);
    await queryRunner.query(
      `CREATE INDEX \`ix_orders_status_check_out\` ON \`orders\` (\`status\`, \`check_out\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_orders_status_check_out\` ON \`orders\``);
    // The codes are hashed: going back, paid orders have none (their guests keep the emails).
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`check_in_code\` char(6) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`refund_transfer_id\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`fee_transfer_id\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`payout_transfer_id\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`refunded_at\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`checked_in_at\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`paid_from_account_id\``);
    await queryRunner.query(`DROP TABLE \`order_check_ins\``);
  }
}

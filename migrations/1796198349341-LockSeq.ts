import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * lock_seq on the rows used as locks (homestays, stay_guests, published_articles, users):
 * every transaction holding one bumps it, so on Galera the lock is a written row and
 * certification rejects a conflicting transaction committed on another node. The default 0
 * needs no backfill.
 *
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM re-emits every nullable
 * column and some indexes of earlier tables (a known false diff); only the new columns are kept.
 */
export class LockSeq1796198349341 implements MigrationInterface {
  name = 'LockSeq1796198349341';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`published_articles\` ADD \`lock_seq\` bigint UNSIGNED NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` ADD \`lock_seq\` bigint UNSIGNED NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`homestays\` ADD \`lock_seq\` bigint UNSIGNED NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`stay_guests\` ADD \`lock_seq\` bigint UNSIGNED NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`stay_guests\` DROP COLUMN \`lock_seq\``);
    await queryRunner.query(`ALTER TABLE \`homestays\` DROP COLUMN \`lock_seq\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`lock_seq\``);
    await queryRunner.query(`ALTER TABLE \`published_articles\` DROP COLUMN \`lock_seq\``);
  }
}

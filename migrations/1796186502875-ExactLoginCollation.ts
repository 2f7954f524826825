import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login names are compared exactly: users.username, users.email, users.phone and
 * email_verification_tokens.email get the binary collation utf8mb4_bin (MariaDB 10.11 and
 * MySQL 8 both have it) instead of the server's default, which folds accents and case
 * (`tárget2` = `target2` under utf8mb4_general_ci). The application stores and looks up these
 * values lower-case ASCII, so case-insensitive matching stays; the unique indexes now treat
 * only identical strings as duplicates, which cannot break the existing rows (the binary
 * collation is strictly finer).
 *
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM re-emits every nullable
 * column and some indexes of earlier tables (a known false diff), and it does not see a
 * collation change on NOT NULL columns (username, the token's email): those are written by hand.
 */
export class ExactLoginCollation1796186502875 implements MigrationInterface {
  name = 'ExactLoginCollation1796186502875';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`users\` MODIFY \`username\` varchar(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, MODIFY \`email\` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, MODIFY \`phone\` varchar(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`email_verification_tokens\` MODIFY \`email\` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the table's default collation.
    await queryRunner.query(
      `ALTER TABLE \`email_verification_tokens\` MODIFY \`email\` varchar(254) NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` MODIFY \`username\` varchar(32) NOT NULL, MODIFY \`email\` varchar(254) NULL, MODIFY \`phone\` varchar(16) NULL`,
    );
  }
}

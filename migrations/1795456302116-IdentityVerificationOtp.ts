import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM also re-emits every
 * nullable column and some indexes of earlier tables (a known false diff); only the changes of
 * this migration are kept. email_verification_tokens: hashed single-use verification links;
 * sessions.method: how a session signed in (a fresh one-time-code session may set a first password).
 */
export class IdentityVerificationOtp1795456302116 implements MigrationInterface {
  name = 'IdentityVerificationOtp1795456302116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`email_verification_tokens\` (\`token_hash\` binary(32) NOT NULL, \`user_id\` binary(16) NOT NULL, \`email\` varchar(254) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`used_at\` datetime(3) NULL, INDEX \`ix_email_verification_tokens_user\` (\`user_id\`, \`used_at\`), PRIMARY KEY (\`token_hash\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD \`method\` varchar(16) NOT NULL DEFAULT 'password'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`method\``);
    await queryRunner.query(`DROP TABLE \`email_verification_tokens\``);
  }
}

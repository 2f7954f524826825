import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialIdentity1795449502194 implements MigrationInterface {
    name = 'InitialIdentity1795449502194'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`refresh_tokens\` (\`token_hash\` binary(32) NOT NULL, \`session_id\` binary(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`rotated_at\` datetime(3) NULL, INDEX \`ix_refresh_tokens_session\` (\`session_id\`), PRIMARY KEY (\`token_hash\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`sessions\` (\`id\` binary(16) NOT NULL, \`user_id\` binary(16) NOT NULL, \`user_agent\` varchar(255) NULL, \`ip\` varchar(45) NULL, \`created_at\` datetime(3) NOT NULL, \`last_used_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`revoked_at\` datetime(3) NULL, \`revoked_reason\` varchar(32) NULL, INDEX \`ix_sessions_user\` (\`user_id\`, \`revoked_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`users\` (\`id\` binary(16) NOT NULL, \`username\` varchar(32) NOT NULL, \`email\` varchar(254) NULL, \`phone\` varchar(16) NULL, \`password_hash\` varchar(100) NULL, \`full_name\` varchar(100) NOT NULL, \`nickname\` varchar(50) NULL, \`bio\` varchar(500) NULL, \`birthday\` date NULL, \`role\` varchar(16) NOT NULL, \`email_verified\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_users_phone\` (\`phone\`), UNIQUE INDEX \`uq_users_email\` (\`email\`), UNIQUE INDEX \`uq_users_username\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`uq_users_username\` ON \`users\``);
        await queryRunner.query(`DROP INDEX \`uq_users_email\` ON \`users\``);
        await queryRunner.query(`DROP INDEX \`uq_users_phone\` ON \`users\``);
        await queryRunner.query(`DROP TABLE \`users\``);
        await queryRunner.query(`DROP INDEX \`ix_sessions_user\` ON \`sessions\``);
        await queryRunner.query(`DROP TABLE \`sessions\``);
        await queryRunner.query(`DROP INDEX \`ix_refresh_tokens_session\` ON \`refresh_tokens\``);
        await queryRunner.query(`DROP TABLE \`refresh_tokens\``);
    }

}

import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Generated, then reviewed: TypeORM also emitted no-op CHANGE/INDEX statements for the
 * identity tables (a MariaDB default-NULL metadata quirk); those were removed.
 */
export class BankLedgerOutboxIdempotency1795450077451 implements MigrationInterface {
    name = 'BankLedgerOutboxIdempotency1795450077451'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`accounts\` (\`id\` binary(16) NOT NULL, \`owner_id\` binary(16) NULL, \`currency\` char(3) NOT NULL, \`balance\` bigint NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_accounts_owner_currency\` (\`owner_id\`, \`currency\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`entries\` (\`id\` binary(16) NOT NULL, \`account_id\` binary(16) NOT NULL, \`transfer_id\` binary(16) NOT NULL, \`amount\` bigint NOT NULL, \`balance_after\` bigint NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_entries_transfer\` (\`transfer_id\`), INDEX \`ix_entries_account_id\` (\`account_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`idempotency_keys\` (\`scope_hash\` binary(32) NOT NULL, \`request_hash\` binary(32) NOT NULL, \`state\` varchar(16) NOT NULL, \`lock_token\` binary(16) NULL, \`locked_until\` datetime(3) NULL, \`response_status\` smallint NULL, \`response_body\` mediumtext NULL, \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, INDEX \`ix_idempotency_expires\` (\`expires_at\`), PRIMARY KEY (\`scope_hash\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`transfers\` (\`id\` binary(16) NOT NULL, \`from_account_id\` binary(16) NOT NULL, \`to_account_id\` binary(16) NOT NULL, \`amount\` bigint NOT NULL, \`currency\` char(3) NOT NULL, \`note\` varchar(200) NULL, \`kind\` varchar(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_transfers_to\` (\`to_account_id\`), INDEX \`ix_transfers_from\` (\`from_account_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`outbox\` (\`id\` binary(16) NOT NULL, \`type\` varchar(100) NOT NULL, \`aggregate_id\` binary(16) NOT NULL, \`payload\` json NOT NULL, \`occurred_at\` datetime(3) NOT NULL, \`published_at\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', INDEX \`ix_outbox_unpublished\` (\`published_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`outbox\``);
        await queryRunner.query(`DROP TABLE \`transfers\``);
        await queryRunner.query(`DROP TABLE \`idempotency_keys\``);
        await queryRunner.query(`DROP TABLE \`entries\``);
        await queryRunner.query(`DROP TABLE \`accounts\``);
    }

}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * comments (one level of replies; ix_comments_thread serves both keyset lists) and the
 * article_stats.comments counter of visible comments (docs/comments.md).
 */
export class Comments1796221263965 implements MigrationInterface {
  name = 'Comments1796221263965';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`comments\` (\`id\` binary(16) NOT NULL, \`article_id\` binary(16) NOT NULL, \`parent_id\` binary(16) NULL, \`author_id\` binary(16) NOT NULL, \`content\` varchar(2000) NOT NULL, \`reply_count\` int NOT NULL DEFAULT '0', \`deleted_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_comments_thread\` (\`article_id\`, \`parent_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`article_stats\` ADD \`comments\` int NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`article_stats\` DROP COLUMN \`comments\``);
    await queryRunner.query(`DROP TABLE \`comments\``);
  }
}

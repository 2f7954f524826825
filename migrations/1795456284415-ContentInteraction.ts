import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM also re-emits every
 * nullable column and some indexes of earlier tables (a known false diff); only the changes of
 * this migration are kept. articles: the authoring store; published_articles: the public store;
 * article_stats / article_likes / article_collections: the interaction context.
 */
export class ContentInteraction1795456284415 implements MigrationInterface {
  name = 'ContentInteraction1795456284415';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`articles\` (\`id\` binary(16) NOT NULL, \`author_id\` binary(16) NOT NULL, \`title\` varchar(200) NOT NULL, \`content\` mediumtext NOT NULL, \`abstract\` varchar(128) NOT NULL, \`status\` varchar(16) NOT NULL, \`has_unpublished_changes\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, \`published_at\` datetime(3) NULL, INDEX \`ix_articles_author_updated\` (\`author_id\`, \`updated_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`published_articles\` (\`id\` binary(16) NOT NULL, \`author_id\` binary(16) NOT NULL, \`title\` varchar(200) NOT NULL, \`content\` mediumtext NOT NULL, \`abstract\` varchar(128) NOT NULL, \`published_at\` datetime(3) NOT NULL, INDEX \`ix_published_articles_feed\` (\`published_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`article_collections\` (\`id\` binary(16) NOT NULL, \`user_id\` binary(16) NOT NULL, \`article_id\` binary(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_article_collections_user_id\` (\`user_id\`, \`id\`), UNIQUE INDEX \`uq_article_collections_user_article\` (\`user_id\`, \`article_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`article_likes\` (\`user_id\` binary(16) NOT NULL, \`article_id\` binary(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, PRIMARY KEY (\`user_id\`, \`article_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`article_stats\` (\`article_id\` binary(16) NOT NULL, \`reads\` bigint NOT NULL DEFAULT '0', \`likes\` int NOT NULL DEFAULT '0', \`collects\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`article_id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`article_stats\``);
    await queryRunner.query(`DROP TABLE \`article_likes\``);
    await queryRunner.query(`DROP TABLE \`article_collections\``);
    await queryRunner.query(`DROP TABLE \`published_articles\``);
    await queryRunner.query(`DROP TABLE \`articles\``);
  }
}

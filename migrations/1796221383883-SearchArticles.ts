import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * search_articles: the search context's full-text index (docs/search.md), one row per article
 * ever published (a withdrawn one stays as a tombstone keeping its version). Generated with
 * migration:generate, then trimmed: on MariaDB TypeORM also re-emits every nullable column and
 * some indexes of earlier tables (a known false diff); only this table is kept. It starts empty:
 * existing published articles are copied in by `npm run search:reindex` (a migration may not
 * read another context's tables), after which the outbox keeps it current.
 */
export class SearchArticles1796221383883 implements MigrationInterface {
  name = 'SearchArticles1796221383883';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`search_articles\` (\`article_id\` binary(16) NOT NULL, \`author_id\` binary(16) NULL, \`title\` varchar(200) NOT NULL, \`body\` mediumtext NOT NULL, \`published_at\` datetime(3) NULL, \`visible\` tinyint NOT NULL, \`version\` bigint UNSIGNED NOT NULL, \`indexed_at\` datetime(3) NOT NULL, FULLTEXT INDEX \`ft_search_articles_text\` (\`title\`, \`body\`), FULLTEXT INDEX \`ft_search_articles_title\` (\`title\`), PRIMARY KEY (\`article_id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`search_articles\``);
  }
}

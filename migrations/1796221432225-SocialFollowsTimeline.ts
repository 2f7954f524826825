import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The social context (docs/social.md): follow rows and their exact counters, the celebrity
 * marks of the hybrid feed and the per-reader timelines; and content's published articles by
 * author (profiles' counts, the feed's read path for celebrities, a follow's backfill).
 */
export class SocialFollowsTimeline1796221432225 implements MigrationInterface {
  name = 'SocialFollowsTimeline1796221432225';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`social_celebrities\` (\`user_id\` binary(16) NOT NULL, \`since\` datetime(3) NOT NULL, PRIMARY KEY (\`user_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`social_follow_counts\` (\`user_id\` binary(16) NOT NULL, \`followers\` int NOT NULL DEFAULT '0', \`following\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`user_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`social_follows\` (\`follower_id\` binary(16) NOT NULL, \`followee_id\` binary(16) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_social_follows_following\` (\`follower_id\`, \`created_at\`, \`followee_id\`), INDEX \`ix_social_follows_followers\` (\`followee_id\`, \`created_at\`, \`follower_id\`), PRIMARY KEY (\`follower_id\`, \`followee_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`social_timeline\` (\`reader_id\` binary(16) NOT NULL, \`article_id\` binary(16) NOT NULL, \`author_id\` binary(16) NOT NULL, \`published_at\` datetime(3) NOT NULL, INDEX \`ix_social_timeline_author\` (\`reader_id\`, \`author_id\`), INDEX \`ix_social_timeline_article\` (\`article_id\`), INDEX \`ix_social_timeline_page\` (\`reader_id\`, \`published_at\`, \`article_id\`), PRIMARY KEY (\`reader_id\`, \`article_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_published_articles_author\` ON \`published_articles\` (\`author_id\`, \`published_at\`, \`id\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX \`ix_published_articles_author\` ON \`published_articles\``,
    );
    await queryRunner.query(`DROP TABLE \`social_timeline\``);
    await queryRunner.query(`DROP TABLE \`social_follows\``);
    await queryRunner.query(`DROP TABLE \`social_follow_counts\``);
    await queryRunner.query(`DROP TABLE \`social_celebrities\``);
  }
}

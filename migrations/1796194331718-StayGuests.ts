import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * stay_guests: one row per user who has placed an order, the lock that serialises one guest's
 * order placements (it replaces a FOR UPDATE on identity's `users` row). Rows are created on
 * the guest's next placement, so existing guests need no backfill.
 *
 * Generated with migration:generate, then trimmed: on MariaDB TypeORM re-emits every nullable
 * column and some indexes of earlier tables (a known false diff); only this table is kept.
 */
export class StayGuests1796194331718 implements MigrationInterface {
  name = 'StayGuests1796194331718';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`stay_guests\` (\`user_id\` binary(16) NOT NULL, PRIMARY KEY (\`user_id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`stay_guests\``);
  }
}

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { isGaleraNode } from './galera';
import { isDuplicateKey, isRetryableTransactionError } from './mysql-errors';

const LOCK_NAME = 'atrium_migrations';
const LOCK_TIMEOUT_SECONDS = 120;
/** How long a Galera lease lasts: a runner that died holding it blocks the others this long. */
const LEASE_SECONDS = 600;
const LEASE_POLL_MS = 500;

/**
 * DB_MIGRATE_ON_START: runs pending migrations before the app serves, one instance at a time:
 * the first migrates, the others wait, then find nothing pending.
 *
 * On one server a MySQL named lock (GET_LOCK, held by one dedicated connection) serializes
 * them. On Galera GET_LOCK is local to the node, so instances on different nodes would migrate
 * together; there the lock is a row of `migration_lock` (the migrator's own table, like
 * TypeORM's `migrations`), inserted and committed: certification lets one node's insert win
 * and the others see a duplicate key (or a certification deadlock) and wait.
 */
@Injectable()
export class Migrator implements OnModuleInit {
  private readonly logger = new Logger(Migrator.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.env.DB_MIGRATE_ON_START) await this.migrate();
  }

  async migrate(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (await isGaleraNode((sql) => runner.query(sql))) await this.underLease(runner);
      else await this.underNamedLock(runner);
    } finally {
      await runner.release();
    }
  }

  private async underNamedLock(runner: QueryRunner): Promise<void> {
    const [row] = await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_TIMEOUT_SECONDS,
    ]);
    if (Number(row.acquired) !== 1)
      throw new Error(`could not acquire ${LOCK_NAME} within ${LOCK_TIMEOUT_SECONDS}s`);
    try {
      await this.runPending();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  }

  private async underLease(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE IF NOT EXISTS migration_lock (
         name VARCHAR(64) NOT NULL PRIMARY KEY,
         holder CHAR(36) NOT NULL,
         expires_at DATETIME(3) NOT NULL
       ) ENGINE=InnoDB`,
    );
    const holder = randomUUID();
    const deadline = Date.now() + (LEASE_SECONDS + LOCK_TIMEOUT_SECONDS) * 1000;
    while (!(await this.tryLease(runner, holder))) {
      if (Date.now() > deadline)
        throw new Error(`could not acquire the ${LOCK_NAME} lease in migration_lock`);
      await sleep(LEASE_POLL_MS);
    }
    try {
      await this.runPending();
    } finally {
      await runner.query('DELETE FROM migration_lock WHERE name = ? AND holder = ?', [
        LOCK_NAME,
        holder,
      ]);
    }
  }

  /** One autocommitted attempt: true once this runner's lease row is committed cluster-wide. */
  private async tryLease(runner: QueryRunner, holder: string): Promise<boolean> {
    await runner.query(
      'DELETE FROM migration_lock WHERE name = ? AND expires_at < UTC_TIMESTAMP(3)',
      [LOCK_NAME],
    );
    try {
      await runner.query(
        'INSERT INTO migration_lock (name, holder, expires_at) VALUES (?, ?, UTC_TIMESTAMP(3) + INTERVAL ? SECOND)',
        [LOCK_NAME, holder, LEASE_SECONDS],
      );
      return true;
    } catch (err) {
      if (isDuplicateKey(err) || isRetryableTransactionError(err)) return false;
      throw err;
    }
  }

  private async runPending(): Promise<void> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    this.logger.log(
      applied.length
        ? `applied migrations: ${applied.map((m) => m.name).join(', ')}`
        : 'schema up to date',
    );
  }
}

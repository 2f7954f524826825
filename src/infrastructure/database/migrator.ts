import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

const LOCK_NAME = 'atrium_migrations';
const LOCK_TIMEOUT_SECONDS = 120;

/**
 * DB_MIGRATE_ON_START: runs pending migrations before the app serves. A MySQL named lock
 * (GET_LOCK, held by one dedicated connection) serializes instances starting together:
 * the first migrates, the others wait, then find nothing pending.
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
      const [row] = await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [
        LOCK_NAME,
        LOCK_TIMEOUT_SECONDS,
      ]);
      if (Number(row.acquired) !== 1)
        throw new Error(`could not acquire ${LOCK_NAME} within ${LOCK_TIMEOUT_SECONDS}s`);
      try {
        const applied = await this.dataSource.runMigrations({ transaction: 'each' });
        this.logger.log(
          applied.length
            ? `applied migrations: ${applied.map((m) => m.name).join(', ')}`
            : 'schema up to date',
        );
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
      }
    } finally {
      await runner.release();
    }
  }
}

import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AppConfig, CONFIG_KEY } from '../infrastructure/config/app-config';
import { loadConfigurationOrExit } from '../infrastructure/config/startup';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { Migrator } from '../infrastructure/database/migrator';

/**
 * node dist/cli/migrate.js — applies the pending migrations (dist/migrations) and exits: the
 * Kubernetes migration Job (deploy/kubernetes/migrate-job.yaml) and any image without ts-node.
 * The same Migrator as DB_MIGRATE_ON_START, so it takes the same lock and instances starting
 * with DB_MIGRATE_ON_START meanwhile wait for it. Needs only the DB_* settings.
 */
async function main(): Promise<void> {
  const env = loadConfigurationOrExit({ scope: 'database' });
  const dataSource = new DataSource(dataSourceOptions(env));
  await dataSource.initialize();
  try {
    await new Migrator(
      dataSource,
      new AppConfig(new ConfigService({ [CONFIG_KEY]: env })),
    ).migrate();
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`[migrate] ${err.stack ?? err.message}`);
  process.exit(1);
});

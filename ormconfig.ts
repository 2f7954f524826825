import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/infrastructure/database/data-source-options';
import { loadConfigurationOrExit } from './src/infrastructure/config/startup';

/**
 * The DataSource the TypeORM CLI uses (npm run migration:generate|run|revert). It needs only the
 * database settings, so the application's secrets may be missing even in production.
 */
const options = dataSourceOptions(loadConfigurationOrExit({ scope: 'database' }), join(__dirname, 'migrations'));
export default new DataSource({ ...options, migrations: [join(__dirname, 'migrations', '*.{ts,js}')] });

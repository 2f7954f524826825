import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/infrastructure/database/data-source-options';
import { loadEnvFile } from './src/infrastructure/config/env-file';
import { validateEnvironment } from './src/infrastructure/config/env.schema';

/** The DataSource the TypeORM CLI uses (npm run migration:generate|run|revert). */
loadEnvFile();
const options = dataSourceOptions(validateEnvironment(process.env), join(__dirname, 'migrations'));
export default new DataSource({ ...options, migrations: [join(__dirname, 'migrations', '*.{ts,js}')] });

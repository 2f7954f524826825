import 'reflect-metadata';
import { createApp } from './app.factory';
import { AppConfig } from './infrastructure/config/app-config';
import { loadEnvFile } from './infrastructure/config/env-file';

async function bootstrap(): Promise<void> {
  loadEnvFile();
  const app = await createApp();
  const config = app.get(AppConfig);
  await app.listen(config.env.PORT, config.env.HOST);
}

bootstrap().catch((err: Error) => {
  // Configuration errors are already one line per variable; print them as they are.
  console.error(err.message.startsWith('Invalid configuration') ? err.message : err);
  process.exit(1);
});

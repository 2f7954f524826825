import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnvFile } from './infrastructure/config/env-file';
import { WorkerModule } from './worker.module';

/** Worker role: queue processors, the outbox relay and schedulers, no HTTP. */
async function bootstrap(): Promise<void> {
  loadEnvFile();
  process.env.WORKERS_ENABLED = 'true';
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((err: Error) => {
  console.error(err.message.startsWith('Invalid configuration') ? err.message : err);
  process.exit(1);
});

import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { rootLogger } from './root-logger';

/**
 * Structured JSON logs through the process's root pino logger. The per-request line (request
 * id, method, route template, status, latency) is written by the Fastify onResponse hook in
 * app.setup.ts; credentials are redacted by the root logger.
 */
@Module({
  imports: [
    LoggerModule.forRoot({
      pinoHttp: { logger: rootLogger(), autoLogging: false },
      useExisting: true,
      forRoutes: [],
    }),
  ],
})
export class LoggingModule {}

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { AppModule } from './app.module';
import { BODY_LIMIT_BYTES, configureApp } from './app.setup';
import {
  problemClientErrorHandler,
  problemFrameworkErrors,
} from './infrastructure/http/edge-problems';
import { genRequestId } from './infrastructure/http/request-id';
import { validateEnvironment } from './infrastructure/config/env.schema';
import { rootLogger } from './infrastructure/observability/root-logger';

/** Builds the fully configured HTTP application (not yet listening). */
export async function createApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: genRequestId,
    trustProxy: validateEnvironment(process.env).TRUST_PROXY,
    // Draining answers come from registerDrainingGuard (problem+json 503 SHUTTING_DOWN), and the
    // HTTP parser's own refusals (431, 408, 400) from problemClientErrorHandler.
    return503OnClosing: false,
    clientErrorHandler: problemClientErrorHandler,
    frameworkErrors: problemFrameworkErrors,
    forceCloseConnections: 'idle',
    loggerInstance: rootLogger(),
    // Fastify's own request lines are off: app.setup.ts writes one line per request itself.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  await configureApp(app);
  return app;
}

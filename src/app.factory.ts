import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { BODY_LIMIT_BYTES, configureApp } from './app.setup';
import { genRequestId } from './infrastructure/http/request-id';

/** Builds the fully configured HTTP application (not yet listening). */
export async function createApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: genRequestId,
    trustProxy: true,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  await configureApp(app);
  return app;
}

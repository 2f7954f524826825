import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs, one line per request with request id, method, route template,
 * status and latency. Credentials never reach the log.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.env.LOG_LEVEL,
          // Fastify already assigned the id (echoed or generated); reuse it.
          genReqId: (req) => (req as unknown as { id: string }).id,
          customAttributeKeys: { reqId: 'requestId', responseTime: 'latencyMs' },
          customProps: (req) => ({
            route: (req as unknown as { routeOptions?: { url?: string } }).routeOptions?.url,
          }),
          serializers: {
            req: (req: { method: string; url: string; headers: Record<string, unknown> }) => ({
              method: req.method,
              url: req.url,
              userAgent: req.headers?.['user-agent'],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              '*.password',
              '*.currentPassword',
              '*.newPassword',
              '*.refreshToken',
              '*.accessToken',
              '*.token',
              '*.code',
            ],
            censor: '[redacted]',
          },
          autoLogging: { ignore: (req) => ['/health/live', '/health/ready', '/metrics'].includes(req.url ?? '') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

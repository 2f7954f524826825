import pino, { Logger } from 'pino';
import { validateEnvironment } from '../config/env.schema';
import { traceLogFields, tracingEnabled } from './tracing';

let root: Logger | undefined;

/**
 * The one pino instance of the process: Fastify's request logger and Nest's logger
 * (nestjs-pino, useExisting) both write through it, so every line shares format and redaction.
 * It is created after src/tracing.ts ran, so it knows whether tracing is on.
 */
export function rootLogger(): Logger {
  root ??= pino({
    level: validateEnvironment(process.env).LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // With tracing on, every line written inside a span carries its trace_id and span_id.
    ...(tracingEnabled() ? { mixin: traceLogFields } : {}),
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
        '*.authorization',
      ],
      censor: '[redacted]',
    },
  });
  return root;
}

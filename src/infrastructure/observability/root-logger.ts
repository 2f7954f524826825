import pino, { Logger } from 'pino';
import { validateEnvironment } from '../config/env.schema';

let root: Logger | undefined;

/**
 * The one pino instance of the process: Fastify's request logger and Nest's logger
 * (nestjs-pino, useExisting) both write through it, so every line shares format and redaction.
 */
export function rootLogger(): Logger {
  root ??= pino({
    level: validateEnvironment(process.env).LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
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

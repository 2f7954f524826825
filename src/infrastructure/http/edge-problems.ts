import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, sendProblem } from './problem-details.filter';
import type { ErrorCode } from '@domain/shared/error-codes';
import { problemBody } from './problem';

/**
 * Answers that the HTTP server or Fastify would otherwise write by themselves, in plain JSON or
 * text, before any Nest code runs: they are problem+json like every other error.
 */

/** Seconds a client should wait before retrying on another instance while this one drains. */
export const SHUTTING_DOWN_RETRY_AFTER = 1;

const CLIENT_ERRORS: Record<
  string,
  { status: number; reason: string; code: ErrorCode; detail: string }
> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'HEADERS_TOO_LARGE',
    detail: 'The request line and headers exceed the server limit (16 KiB)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'REQUEST_TIMEOUT',
    detail: 'The request was not received in time',
  },
};
const MALFORMED: { status: number; reason: string; code: ErrorCode; detail: string } = {
  status: 400,
  reason: 'Bad Request',
  code: 'VALIDATION_FAILED',
  detail: 'The HTTP request is malformed',
};

/** The path of the request line in what the parser saw, if it is short and well formed. */
function instanceOf(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '/';
  const line = /^[A-Z]{3,10} (\/[\x21-\x7e]{0,2047}) HTTP\/1\.[01]\r?\n/.exec(
    rawPacket.subarray(0, 2100).toString('latin1'),
  );
  return line ? line[1].split('?')[0].split('#')[0] : '/';
}

/**
 * Fastify's `clientErrorHandler`: the HTTP parser refused the request (headers too large, a
 * request that took too long, garbage) before there is a request object, so the answer is
 * written on the socket by hand, as problem+json, and the connection is closed.
 */
export function problemClientErrorHandler(
  this: FastifyInstance | undefined,
  err: NodeJS.ErrnoException & { rawPacket?: unknown },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[err.code ?? ''] ?? MALFORMED;
  if (socket.writable) {
    const requestId = randomUUID();
    const body = JSON.stringify(
      problemBody(known.status, known.code, known.detail, instanceOf(err.rawPacket), requestId),
    );
    socket.write(
      `HTTP/1.1 ${known.status} ${known.reason}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Cache-Control: no-store\r\n' +
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

/**
 * While the process drains (SIGTERM: Fastify's preClose ran, the server stops listening), requests that still arrive
 * on open keep-alive connections are answered 503 SHUTTING_DOWN at once, with Retry-After and
 * `Connection: close`, so the client retries on another instance. Replaces Fastify's
 * `return503OnClosing`, whose answer is plain JSON.
 */
export function registerDrainingGuard(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!draining) return done();
    reply
      .status(503)
      .header('Retry-After', String(SHUTTING_DOWN_RETRY_AFTER))
      .header('Connection', 'close')
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .send(
        problemBody(
          503,
          'SHUTTING_DOWN',
          'This instance is shutting down; retry the request (it reaches another instance)',
          request.url.split('?')[0],
          String(request.id),
        ),
      );
  });
}

const frameworkLogger = new Logger('ProblemDetails');

/**
 * Fastify's `frameworkErrors`: the router refuses a malformed URL (400) or an over-long path
 * parameter (414) before any hook or Nest code runs; answered as problem+json, with the API's
 * security headers (the onRequest hook that sets them does not run for these).
 */
export function problemFrameworkErrors(
  error: Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.headers({
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-request-id': String(request.id),
  });
  sendProblem(request, reply, error, frameworkLogger);
}

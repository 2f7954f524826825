import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind, FieldError } from '@domain/shared/domain-error';
import type { ErrorCode } from '@domain/shared/error-codes';
import { isConnectionError, isRetryableTransactionError } from '../database/mysql-errors';
import { JsonShapeError } from './json-limits';
import { problemBody, STATUS_CODES } from './problem';
import { RequestValidationException } from './validation';

const KIND_STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

interface Problem {
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
  retryAfter?: number;
}

/** Fastify's own errors (body parsing, limits) carry a statusCode and an FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Every error becomes application/problem+json (RFC 9457); nothing internal leaks. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      exception,
      this.logger,
    );
  }
}

export interface ProblemReply {
  status: number;
  retryAfter?: number;
  body: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The problem+json answer for an exception, without sending it (idempotency stores these). */
export function buildProblem(request: FastifyRequest, exception: unknown): ProblemReply {
  const problem = capErrors(toProblem(exception));
  return {
    status: problem.status,
    retryAfter: problem.retryAfter,
    body: problemBody(
      problem.status,
      problem.code,
      problem.detail,
      request.url.split('?')[0],
      String(request.id),
      problem.errors,
    ),
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  exception: unknown,
  logger: Logger,
): void {
  if (reply.sent) return;
  const problem = buildProblem(request, exception);
  if (problem.status >= 500 && problem.status !== 503) {
    logger.error({ err: exception, requestId: request.id }, 'unhandled error');
  } else if (problem.status === 503) {
    logger.warn(
      { err: (exception as Error)?.message, requestId: request.id },
      problem.body.code === 'OVERLOADED'
        ? 'contention: retries exhausted'
        : 'dependency unavailable',
    );
  }
  if (problem.retryAfter !== undefined && !reply.hasHeader('retry-after'))
    reply.header('Retry-After', String(problem.retryAfter));
  reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem.body);
}

/** Exported for its spec. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof DomainError) {
    return {
      status: KIND_STATUS[exception.kind],
      code: exception.code,
      detail: exception.message,
      errors: exception.fieldErrors,
      retryAfter: exception.retryAfterSeconds,
    };
  }
  if (exception instanceof JsonShapeError) {
    return { status: 400, code: 'VALIDATION_FAILED', detail: exception.message };
  }
  if (exception instanceof RequestValidationException) {
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid',
      errors: exception.fieldErrors,
    };
  }
  if (exception instanceof ThrottlerException) {
    return {
      status: 429,
      code: 'RATE_LIMITED',
      detail: 'Too many requests, slow down',
      retryAfter: 60,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'ERROR');
    return {
      status,
      code,
      detail: status >= 500 ? 'Internal server error' : httpDetail(exception, status),
    };
  }
  if (isConnectionError(exception)) {
    return {
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      detail: 'A dependency is unavailable, retry shortly',
      retryAfter: 5,
    };
  }
  if (isRetryableTransactionError(exception)) {
    // The unit of work already ran the transaction again with back-off and it still lost a
    // deadlock (or waited out innodb_lock_wait_timeout): nothing was applied, and the rows it
    // needs are too contended right now. That is load, not a bug: 503 with Retry-After, so a
    // client (or its Idempotency-Key retry) tries again instead of reporting a failure.
    return {
      status: 503,
      code: 'OVERLOADED',
      detail: 'The records this request changes are too contended right now, retry shortly',
      retryAfter: 1,
    };
  }
  const fastifyError = exception as FastifyLikeError;
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return fastifyProblem(fastifyError);
  }
  return { status: 500, code: 'INTERNAL_ERROR', detail: 'Internal server error' };
}

/** At most this many `errors` entries leave in a problem; the detail says how many were left out. */
export const MAX_PROBLEM_ERRORS = 20;

function capErrors(problem: Problem): Problem {
  const errors = problem.errors;
  if (!errors || errors.length <= MAX_PROBLEM_ERRORS) return problem;
  const omitted = errors.length - MAX_PROBLEM_ERRORS;
  return {
    ...problem,
    errors: errors.slice(0, MAX_PROBLEM_ERRORS),
    detail: `${problem.detail} (${errors.length} problems; the first ${MAX_PROBLEM_ERRORS} are listed, ${omitted} more omitted)`,
  };
}

function fastifyProblem(err: FastifyLikeError): Problem {
  const status = err.statusCode as number;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body exceeds 1 MiB' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: status === 415 ? 415 : 400,
        code: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED',
        detail:
          status === 415 ? 'The request body must be application/json' : 'Invalid Content-Length',
      };
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'VALIDATION_FAILED', detail: 'The URL is malformed' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'URI_TOO_LONG', detail: 'A path segment of the URL is too long' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'VALIDATION_FAILED', detail: 'The JSON body is empty' };
  }
  if (status === 400)
    return { status, code: 'VALIDATION_FAILED', detail: 'The request body is not valid JSON' };
  if (status === 413)
    return { status, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body exceeds 1 MiB' };
  if (status === 415)
    return {
      status,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'The request body must be application/json',
    };
  return {
    status,
    code: STATUS_CODES[status] ?? 'ERROR',
    detail: 'The request could not be processed',
  };
}

function httpDetail(exception: HttpException, status: number): string {
  if (status === 404) return 'No such resource';
  if (status === 401) return 'Authentication required';
  if (status === 403) return 'You are not allowed to do this';
  return exception.message;
}

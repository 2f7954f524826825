import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DomainError, ValidationError } from '../../../domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '../../../domain/shared/unit-of-work';
import { Principal } from '../auth.decorators';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../problem-details.filter';
import { RequestValidationException } from '../validation';
import { IdempotencyStore } from './idempotency.store';
import { IdempotentReplay } from './idempotent-replay';

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Idempotency-Key (API.md Conventions). Scope = (user, method, route template, key);
 * fingerprint = method + concrete path + canonical JSON body. The business change and the
 * stored response commit in one transaction, so a crash can't make a retry apply twice.
 * 2xx and 4xx answers are stored and replayed; 5xx are not (the key is released).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new ValidationError('Idempotency-Key', 'must be 1-255 printable ASCII characters');
    }
    const route = request.routeOptions?.url ?? request.url;
    const scopeHash = sha256([request.user?.userId ?? 'anonymous', request.method, route, header].join('\n'));
    const requestHash = sha256([request.method, request.url.split('?')[0], canonicalJson(request.body)].join('\n'));

    const claim = await this.store.claim(scopeHash, requestHash, new Date());
    if (claim.kind === 'replay') {
      const contentType = claim.status >= 400 ? PROBLEM_CONTENT_TYPE : JSON_CONTENT_TYPE;
      throw new IdempotentReplay(claim.status, contentType, claim.body);
    }

    const successStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return from(this.run(next, request, scopeHash, claim.lockToken, successStatus));
  }

  private async run(next: CallHandler, request: FastifyRequest, scopeHash: Buffer, lockToken: Buffer, status: number): Promise<unknown> {
    try {
      return await this.uow.run(async () => {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.store.complete(scopeHash, lockToken, status, JSON.stringify(body ?? null));
        return body;
      });
    } catch (err) {
      if (err instanceof DomainError || err instanceof RequestValidationException) {
        const problem = buildProblem(request, err);
        if (problem.status < 500 && problem.body.code !== 'IDEMPOTENCY_IN_PROGRESS') {
          await this.uow.run(() => this.store.complete(scopeHash, lockToken, problem.status, JSON.stringify(problem.body))).catch((e) =>
            this.logger.warn(`could not store idempotent error response: ${(e as Error).message}`),
          );
          throw err;
        }
      }
      await this.store.release(scopeHash, lockToken).catch(() => undefined);
      throw err;
    }
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** JSON with object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}


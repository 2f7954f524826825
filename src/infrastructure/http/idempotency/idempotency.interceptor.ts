import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DomainError, ValidationError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { IdempotencyStore } from '@infra/persistence/idempotency/idempotency.store';
import { Principal } from '../auth.decorators';
import { buildProblem } from '../problem-details.filter';
import { RequestValidationException } from '../validation';
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from './idempotency.errors';
import { replayStoredAnswer } from './idempotent-replay';
import { requestHash, scopeHash } from './request-fingerprint';

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** What the unit of work ended with: a stored answer to replay, a body, or a refusal (4xx) it stored. */
type Outcome =
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'done'; body: unknown }
  | { kind: 'refused'; error: unknown };

/**
 * Idempotency-Key (API.md Conventions). Scope = (user, method, route template, key);
 * fingerprint = method + concrete path + canonical JSON body (request-fingerprint.ts). The key is claimed by the first
 * statement of the business transaction and the answer is stored by its last one (see
 * IdempotencyStore): the claim can't outlive the transaction, so a crash or a lost connection
 * releases it at once, and a retry can't apply twice. 2xx and 4xx answers are stored and
 * replayed (a 4xx rolls the business change back to the savepoint taken after the claim); 5xx
 * are not (the whole transaction, claim included, rolls back).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
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
    const scope = scopeHash(request.user?.userId ?? 'anonymous', request.method, route, header);
    const fingerprint = requestHash(request.method, request.url.split('?')[0], request.body);
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(next, request, reply, scope, fingerprint, successStatus));
  }

  private async run(
    next: CallHandler,
    request: FastifyRequest,
    reply: FastifyReply,
    scopeHash: Buffer,
    requestHash: Buffer,
    status: number,
  ): Promise<unknown> {
    // Runs again as a whole (claim included) when the unit of work retries a deadlock.
    const outcome = await this.uow.run(async (): Promise<Outcome> => {
      const claim = await this.store.claim(scopeHash, requestHash, new Date());
      if (claim.kind === 'replay') return claim;
      if (claim.kind === 'reused') throw new IdempotencyKeyReusedError();
      if (claim.kind === 'busy') throw new IdempotencyInProgressError();
      try {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.complete(scopeHash, status, JSON.stringify(body ?? null));
        return { kind: 'done', body };
      } catch (err) {
        if (!(err instanceof DomainError || err instanceof RequestValidationException)) throw err;
        const problem = buildProblem(request, err);
        if (problem.status >= 500 || problem.body.code === 'IDEMPOTENCY_IN_PROGRESS') throw err;
        await this.store.rollbackToClaim();
        await this.complete(scopeHash, problem.status, JSON.stringify(problem.body));
        return { kind: 'refused', error: err };
      }
    });
    if (outcome.kind === 'replay') return replayStoredAnswer(reply, outcome);
    if (outcome.kind === 'refused') throw outcome.error;
    return outcome.body;
  }

  private async complete(scopeHash: Buffer, status: number, body: string): Promise<void> {
    if (!(await this.store.complete(scopeHash, status, body)))
      throw new IdempotencyInProgressError();
  }
}

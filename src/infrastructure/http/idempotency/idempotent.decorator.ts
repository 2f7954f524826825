import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../api-problems.decorator';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Marks a money endpoint **idem**: honours Idempotency-Key (API.md Conventions). */
export function Idempotent() {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
      description:
        '1-255 printable ASCII characters. Same key + same body within 24 h replays the first answer ' +
        '(header Idempotent-Replayed: true); a different body → 422 IDEMPOTENCY_KEY_REUSED; ' +
        'while the first is still running → 409 IDEMPOTENCY_IN_PROGRESS.',
    }),
    ApiProblems(
      [409, 'IDEMPOTENCY_IN_PROGRESS (and other conflicts)'],
      [422, 'Business rule, or IDEMPOTENCY_KEY_REUSED'],
    ),
  );
}

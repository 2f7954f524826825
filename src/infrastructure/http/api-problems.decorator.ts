import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: malformed JSON, wrong types, unknown fields',
  401: 'UNAUTHENTICATED: missing, expired, revoked or forged token',
  403: 'FORBIDDEN: role not allowed',
  404: 'NOT_FOUND: missing or not visible to the caller',
  409: 'Conflict with the current state',
  413: 'PAYLOAD_TOO_LARGE: body over 1 MiB',
  415: 'UNSUPPORTED_MEDIA_TYPE: body is not JSON',
  422: 'Business rule violated',
  429: 'Rate limited; see Retry-After',
  503: 'DEPENDENCY_UNAVAILABLE: database or Redis unreachable; see Retry-After',
};

/**
 * Documents error responses as problem+json. Pass a status alone for the generic
 * description or `[status, 'CODE_A / CODE_B: when']` to name the codes.
 */
export function ApiProblems(...responses: Array<number | [number, string]>) {
  return applyDecorators(
    ...responses.map((r) => {
      const [status, description] = Array.isArray(r) ? r : [r, DESCRIPTIONS[r] ?? 'Error'];
      return ApiResponse({
        status,
        description,
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } },
        },
      });
    }),
  );
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from '@domain/shared/error-codes';

export class ProblemFieldError {
  @ApiProperty({ example: 'amount' })
  field: string;

  @ApiProperty({ example: 'must be a positive integer' })
  message: string;
}

/** RFC 9457 problem details: the body of every error response (application/problem+json). */
export class ProblemResponse {
  @ApiProperty({ example: '/problems/insufficient-funds' })
  type: string;

  @ApiProperty({ example: 'Insufficient funds' })
  title: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 422 })
  status: number;

  @ApiProperty({
    enum: ERROR_CODES,
    enumName: 'ProblemCode',
    example: 'INSUFFICIENT_FUNDS',
    description: 'Stable machine-readable error code (API.md)',
  })
  code: ErrorCode;

  @ApiProperty({ example: 'The source account does not hold enough money' })
  detail: string;

  @ApiProperty({ example: '/v1/transfers' })
  instance: string;

  @ApiProperty({ example: '0192d7c4-5f1e-7c1a-9b5e-1f2a3b4c5d6e' })
  requestId: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'Present on VALIDATION_FAILED' })
  errors?: ProblemFieldError[];
}

export const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  500: 'INTERNAL_ERROR',
  503: 'DEPENDENCY_UNAVAILABLE',
};

export function titleFromCode(code: string): string {
  const words = code.toLowerCase().split('_');
  return words.map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}

export function typeFromCode(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The problem+json body (RFC 9457) every error answer carries: the one builder used by the
 * exception filter, the overload shedder and the answers written before Nest runs.
 */
export function problemBody(
  status: number,
  code: ErrorCode,
  detail: string,
  instance: string,
  requestId: string,
  errors?: ReadonlyArray<{ field: string; message: string }>,
) {
  return {
    type: typeFromCode(code),
    title: titleFromCode(code),
    status,
    code,
    detail,
    instance,
    requestId,
    ...(errors ? { errors } : {}),
  };
}

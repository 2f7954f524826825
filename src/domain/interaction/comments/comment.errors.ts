import { domainError } from '../../shared/domain-error';

export class InvalidParentError extends domainError(
  'INVALID_PARENT',
  'unprocessable',
  'parentId must name a live top-level comment of the same article',
) {}

import { domainError } from '../shared/domain-error';

export class CannotFollowSelfError extends domainError(
  'CANNOT_FOLLOW_SELF',
  'unprocessable',
  'You cannot follow yourself',
) {}

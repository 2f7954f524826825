import { domainError } from '../shared/domain-error';

export class CannotRewardSelfError extends domainError(
  'CANNOT_REWARD_SELF',
  'unprocessable',
  'You cannot reward your own article',
) {}

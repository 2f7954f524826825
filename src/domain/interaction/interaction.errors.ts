import { DomainError } from '../shared/domain-error';

export class CannotRewardSelfError extends DomainError {
  readonly code = 'CANNOT_REWARD_SELF';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('You cannot reward your own article');
  }
}

import { DomainError } from '../shared/domain-error';

abstract class BusinessRuleError extends DomainError {
  readonly kind = 'unprocessable' as const;
}

export class InsufficientFundsError extends BusinessRuleError {
  readonly code = 'INSUFFICIENT_FUNDS';
  constructor() {
    super('The source account does not hold enough money');
  }
}

export class CurrencyMismatchError extends BusinessRuleError {
  readonly code = 'CURRENCY_MISMATCH';
  constructor() {
    super('Both accounts must hold the currency of the transfer');
  }
}

export class SameAccountError extends BusinessRuleError {
  readonly code = 'SAME_ACCOUNT';
  constructor() {
    super('Source and destination are the same account');
  }
}

export class RecipientHasNoAccountError extends BusinessRuleError {
  readonly code = 'RECIPIENT_HAS_NO_ACCOUNT';
  constructor(currency: string) {
    super(`The recipient has no ${currency} account`);
  }
}

export class AccountExistsError extends DomainError {
  readonly code = 'ACCOUNT_EXISTS';
  readonly kind = 'conflict' as const;
  constructor(currency: string) {
    super(`You already have a ${currency} account`);
  }
}

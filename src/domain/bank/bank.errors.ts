import { domainError } from '../shared/domain-error';

export class InsufficientFundsError extends domainError(
  'INSUFFICIENT_FUNDS',
  'unprocessable',
  'The source account does not hold enough money',
) {}

export class CurrencyMismatchError extends domainError(
  'CURRENCY_MISMATCH',
  'unprocessable',
  'Both accounts must hold the currency of the transfer',
) {}

export class SameAccountError extends domainError(
  'SAME_ACCOUNT',
  'unprocessable',
  'Source and destination are the same account',
) {}

export class RecipientHasNoAccountError extends domainError(
  'RECIPIENT_HAS_NO_ACCOUNT',
  'unprocessable',
  (currency: string) => `The recipient has no ${currency} account`,
) {}

export class AccountExistsError extends domainError(
  'ACCOUNT_EXISTS',
  'conflict',
  (currency: string) => `You already have a ${currency} account`,
) {}

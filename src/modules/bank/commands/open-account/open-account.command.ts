import type { Currency } from '@domain/bank/money.value-object';

export class OpenAccountCommand {
  constructor(
    readonly ownerId: string,
    readonly currency: Currency,
  ) {}
}

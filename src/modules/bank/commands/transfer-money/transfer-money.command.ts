import type { Currency } from '@domain/bank/money.value-object';

export class TransferMoneyCommand {
  constructor(
    readonly actorId: string,
    readonly fromAccountId: string,
    readonly toAccountId: string,
    readonly amount: number,
    readonly currency: Currency,
    readonly note: string | null,
  ) {}
}

import { DomainEvent } from '@domain/shared/domain-event';
import { Transfer } from '../transfer';

export const MONEY_TRANSFERRED = 'bank.money-transferred';

export function moneyTransferred(eventId: string, transfer: Transfer): DomainEvent {
  return {
    id: eventId,
    type: MONEY_TRANSFERRED,
    aggregateId: transfer.id,
    occurredAt: transfer.createdAt,
    payload: {
      transferId: transfer.id,
      fromAccountId: transfer.fromAccountId,
      toAccountId: transfer.toAccountId,
      amount: transfer.amount,
      currency: transfer.currency,
      kind: transfer.kind,
    },
  };
}

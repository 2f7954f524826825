import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { LEDGER, LedgerPort } from '@domain/bank/ledger.port';
import { Order, SettlementTransfers, splitPayout } from '@domain/stay/order.aggregate';
import { AppConfig } from '@infra/config/app-config';

/**
 * The money of an order, always through the bank's ledger and always inside the caller's
 * transaction (the order's row is locked): paid into the `escrow` system account, then out of it
 * exactly once, to the host and `revenue` (check-in, no-show) or back to the guest (refund).
 */
@Injectable()
export class Escrow {
  constructor(
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(LEDGER) private readonly ledger: LedgerPort,
    private readonly config: AppConfig,
  ) {}

  /** guest's account → escrow, the whole amount (kind payment); returns the transfer id. */
  async hold(order: Order, fromAccountId: string): Promise<string> {
    const transfer = await this.ledger.move({
      fromAccountId,
      toAccountId: this.accounts.systemAccountId('escrow', order.currency),
      amount: order.amount,
      currency: order.currency,
      kind: 'payment',
      note: `order ${order.id}`,
    });
    return transfer.id;
  }

  /**
   * escrow → host `amount − fee` (kind payout) and escrow → revenue `fee` (kind fee, none when
   * 0), fee = floor(amount × PLATFORM_FEE_BPS / 10000) at the rate configured now.
   */
  async payOut(order: Order): Promise<SettlementTransfers> {
    const hostAccountId = await this.accounts.findAccountId(order.hostId, order.currency);
    // Placing the order required it, and accounts are never deleted.
    if (!hostAccountId) throw new RecipientHasNoAccountError(order.currency);
    const escrow = this.accounts.systemAccountId('escrow', order.currency);
    const { payout, fee } = splitPayout(order.amount, this.config.env.PLATFORM_FEE_BPS);
    const note = `order ${order.id}`;
    const payoutTransfer = await this.ledger.move({
      fromAccountId: escrow,
      toAccountId: hostAccountId,
      amount: payout,
      currency: order.currency,
      kind: 'payout',
      note,
    });
    const feeTransfer =
      fee > 0
        ? await this.ledger.move({
            fromAccountId: escrow,
            toAccountId: this.accounts.systemAccountId('revenue', order.currency),
            amount: fee,
            currency: order.currency,
            kind: 'fee',
            note,
          })
        : null;
    return { payoutTransferId: payoutTransfer.id, feeTransferId: feeTransfer?.id ?? null };
  }

  /** escrow → the account the order was paid from, the whole amount (kind refund); returns the transfer id. */
  async refund(order: Order): Promise<string> {
    const to = order.paidFromAccountId;
    if (!to) throw new Error(`Order ${order.id} has no paying account to refund`);
    const transfer = await this.ledger.move({
      fromAccountId: this.accounts.systemAccountId('escrow', order.currency),
      toAccountId: to,
      amount: order.amount,
      currency: order.currency,
      kind: 'refund',
      note: `order ${order.id}`,
    });
    return transfer.id;
  }
}

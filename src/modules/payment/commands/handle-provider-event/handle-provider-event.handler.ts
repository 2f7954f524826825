import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { LEDGER, LedgerPort } from '@domain/bank/ledger.port';
import { Payment, PaymentProviderName } from '@domain/payment/payment.aggregate';
import {
  PAYMENT_PROVIDER,
  PaymentProvider,
  ProviderEvent,
} from '@domain/payment/payment-provider.port';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { paymentRefundRequested } from '@domain/payment/events/payment-refund-requested.event';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { newId } from '@domain/shared/uuid';
import { ORDER_PAYMENTS, OrderPayments } from '@domain/stay/order-payments.port';
import { AUTHOR_REWARDS, AuthorRewards } from '@domain/interaction/author-rewards.port';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { Metrics } from '@infra/observability/metrics';
import { HandleProviderEventCommand } from './handle-provider-event.command';

/** What a notification did, for the log (the webhook answers 200 to all of them). */
export type ProviderEventOutcome =
  'applied' | 'duplicate' | 'unknown_payment' | 'stale' | 'ignored_type';

/** The outcomes counted in `payment_provider_events_not_applied_total{reason}` (and logged). */
const NOT_APPLIED_REASONS = ['unknown_payment', 'ignored_type'] as const;

/**
 * A provider notification, exactly once: the signature is verified on the raw body before
 * anything else (SignatureInvalidError: no effect); then one transaction locks the payment it
 * names, records the event id (a redelivery finds it: no second effect) and applies it if the
 * payment still awaits it. An event for an unknown payment is logged and not recorded. payment.succeeded with the payment's amount and currency moves the
 * money clearing → the target (credit) through the ledger, in this transaction;
 * with other money, the payment fails (amount_mismatch) and nothing moves. payment.failed
 * fails it. A notification for a payment already decided is stale and changes nothing.
 */
@CommandHandler(HandleProviderEventCommand)
export class HandleProviderEventHandler implements ICommandHandler<
  HandleProviderEventCommand,
  ProviderEventOutcome
> {
  private readonly logger = new Logger(HandleProviderEventHandler.name);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(LEDGER) private readonly ledger: LedgerPort,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_PAYMENTS) private readonly orders: OrderPayments,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(AUTHOR_REWARDS) private readonly rewards: AuthorRewards,
    private readonly metrics: Metrics,
  ) {
    // Both series exist from the start (at 0), so a rate or an alert sees the first event.
    const name = this.provider.name;
    if (name)
      for (const reason of NOT_APPLIED_REASONS)
        this.metrics.paymentEventsNotApplied.inc({ provider: name, reason }, 0);
  }

  async execute({
    provider,
    rawBody,
    headers,
  }: HandleProviderEventCommand): Promise<ProviderEventOutcome> {
    // Only the configured provider has a webhook.
    const name = this.provider.name;
    if (name === null || provider !== name) throw new NotFoundError('Webhook');
    const event = this.provider.parseWebhook(rawBody, headers);
    const outcome = await this.uow.run(() => this.apply(name, event));
    if (outcome === 'unknown_payment' || outcome === 'ignored_type') {
      // Labels: the provider and the reason only (bounded); the ids and the type go to the log.
      this.metrics.paymentEventsNotApplied.inc({ provider: name, reason: outcome });
      this.logger.warn(
        { eventId: event.id, type: event.type, providerRef: event.providerRef, outcome },
        'provider event not applied',
      );
    }
    return outcome;
  }

  private async apply(
    provider: PaymentProviderName,
    event: ProviderEvent,
  ): Promise<ProviderEventOutcome> {
    const now = this.clock.now();
    // The payment first: an event for a payment not recorded yet (a provider that notifies
    // before createPayment's row is committed) is not marked handled, so a redelivery still
    // applies it. Copies of one event queue on the payment's row lock, then find the mark.
    const payment = await this.payments.lockByProviderRef(provider, event.providerRef);
    if (!payment) return 'unknown_payment';
    if (!(await this.payments.markEventProcessed(provider, event.id, event.type, now)))
      return 'duplicate';
    switch (event.type) {
      case 'payment.succeeded':
        if (!payment.awaitsProvider) return 'stale';
        if (!payment.matches(event.amount, event.currency)) payment.fail('amount_mismatch', now);
        else await this.credit(payment, now);
        break;
      case 'payment.failed':
        if (!payment.awaitsProvider) return 'stale';
        payment.fail('declined', now);
        break;
      case 'refund.succeeded':
        if (payment.status !== 'refund_pending') return 'stale';
        payment.refunded(now);
        break;
      default:
        return 'ignored_type';
    }
    await this.payments.save(payment);
    return 'applied';
  }

  /**
   * clearing → the payment's target, in this transaction: the payer's account (top_up), or
   * the order through the stay context (escrow, kind payment, the order paid), or the article's
   * author through the interaction context (kind reward). A target that can no longer take it
   * (an order cancelled or already paid, an article withdrawn, an author without the account)
   * gets nothing: the payment becomes
   * refund_pending and the provider refund is requested through the outbox, after the commit.
   */
  private async credit(payment: Payment, now: Date): Promise<void> {
    const clearing = this.accounts.systemAccountId('clearing', payment.currency);
    if (payment.purpose === 'order') {
      const outcome = await this.orders.payFrom(payment.orderId!, clearing);
      if (outcome.paid) payment.succeed(outcome.transferId, now);
      else await this.refundUnapplied(payment, outcome.reason, now);
      return;
    }
    if (payment.purpose === 'reward') {
      const outcome = await this.rewards.rewardFrom(
        payment.payerId,
        payment.articleId!,
        clearing,
        payment.amount,
        payment.currency,
      );
      if (outcome.rewarded) payment.succeed(outcome.transferId, now);
      else await this.refundUnapplied(payment, outcome.reason, now);
      return;
    }
    const transfer = await this.ledger.move({
      fromAccountId: clearing,
      toAccountId: payment.accountId!,
      amount: payment.amount,
      currency: payment.currency,
      kind: 'top_up',
      note: `payment ${payment.id}`,
    });
    payment.succeed(transfer.id, now);
  }

  /** The money arrived for a target that cannot take it: no ledger movement, a provider refund. */
  private async refundUnapplied(payment: Payment, reason: string, now: Date): Promise<void> {
    this.logger.warn(
      { paymentId: payment.id, purpose: payment.purpose, reason },
      'provider payment not applicable: refunding',
    );
    payment.requireRefund(now);
    await this.outbox.append(paymentRefundRequested(newId(now.getTime()), payment, now));
  }
}

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
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { HandleProviderEventCommand } from './handle-provider-event.command';

/** What a notification did, for the log (the webhook answers 200 to all of them). */
export type ProviderEventOutcome =
  'applied' | 'duplicate' | 'unknown_payment' | 'stale' | 'ignored_type';

/**
 * A provider notification, exactly once: the signature is verified on the raw body before
 * anything else (SignatureInvalidError: no effect); then one transaction records the event id
 * (a redelivery finds it: no second effect), locks the payment it names and applies it if the
 * payment still awaits it. payment.succeeded with the payment's amount and currency moves the
 * money clearing → the payer's account (kind top_up) through the ledger, in this transaction;
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
  ) {}

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
    if (outcome === 'unknown_payment' || outcome === 'ignored_type')
      this.logger.warn(
        { eventId: event.id, type: event.type, providerRef: event.providerRef, outcome },
        'provider event not applied',
      );
    return outcome;
  }

  private async apply(
    provider: PaymentProviderName,
    event: ProviderEvent,
  ): Promise<ProviderEventOutcome> {
    const now = this.clock.now();
    if (!(await this.payments.markEventProcessed(provider, event.id, event.type, now)))
      return 'duplicate';
    const payment = await this.payments.lockByProviderRef(provider, event.providerRef);
    if (!payment) return 'unknown_payment';
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
        payment.refunded(now, null);
        break;
      default:
        return 'ignored_type';
    }
    await this.payments.save(payment);
    return 'applied';
  }

  /** clearing → the payer's account, in this transaction (top-ups are the only purpose yet). */
  private async credit(payment: Payment, now: Date): Promise<void> {
    const transfer = await this.ledger.move({
      fromAccountId: this.accounts.systemAccountId('clearing', payment.currency),
      toAccountId: payment.accountId!,
      amount: payment.amount,
      currency: payment.currency,
      kind: 'top_up',
      note: `payment ${payment.id}`,
    });
    payment.succeed(transfer.id, now);
  }
}

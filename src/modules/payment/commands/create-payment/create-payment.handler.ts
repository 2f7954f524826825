import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { Payment } from '@domain/payment/payment.aggregate';
import { PaymentPurposeNotSupportedError } from '@domain/payment/payment.errors';
import { PAYMENT_PROVIDER, PaymentProvider } from '@domain/payment/payment-provider.port';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DependencyUnavailableError, NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { CreatePaymentCommand } from './create-payment.command';

/**
 * A top-up: find the payer's account (its currency is the payment's), create the payment at
 * the provider first, outside any transaction of this handler (the payment id is the
 * provider's idempotency key), then record it. A provider call that fails records nothing; a
 * record that fails leaves a charge at the provider that nobody can pay (its checkout URL was
 * never given out).
 */
@CommandHandler(CreatePaymentCommand)
export class CreatePaymentHandler implements ICommandHandler<CreatePaymentCommand, Payment> {
  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ payerId, purpose, accountId, amount }: CreatePaymentCommand): Promise<Payment> {
    const provider = this.provider.name;
    if (provider === null)
      throw new DependencyUnavailableError('No payment provider is configured');
    if (purpose !== 'top_up') throw new PaymentPurposeNotSupportedError(purpose);
    // The request's validation makes both present for a top-up.
    const currency = await this.currencyOfOwnAccount(payerId, accountId!);
    const id = newId(this.clock.now().getTime());
    const atProvider = await this.provider.createPayment({
      paymentId: id,
      amount: amount!,
      currency,
      description: `Atrium top-up ${id}`,
    });
    const payment = Payment.startTopUp({
      id,
      payerId,
      accountId: accountId!,
      amount: amount!,
      currency,
      provider,
      providerRef: atProvider.providerRef,
      checkoutUrl: atProvider.checkoutUrl,
      now: this.clock.now(),
    });
    await this.uow.run(() => this.payments.insert(payment));
    return payment;
  }

  /** One of the payer's accounts (by currency: a user has at most one per currency), else 404. */
  private async currencyOfOwnAccount(payerId: string, accountId: string): Promise<Currency> {
    for (const currency of CURRENCIES) {
      if ((await this.accounts.findAccountId(payerId, currency)) === accountId) return currency;
    }
    throw new NotFoundError('Account');
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { Payment, PaymentProviderName } from '@domain/payment/payment.aggregate';
import { PAYMENT_PROVIDER, PaymentProvider } from '@domain/payment/payment-provider.port';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DependencyUnavailableError, NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { ORDER_PAYMENTS, OrderPayments } from '@domain/stay/order-payments.port';
import { AUTHOR_REWARDS, AuthorRewards } from '@domain/interaction/author-rewards.port';
import { CreatePaymentCommand } from './create-payment.command';

/**
 * A top-up (an order: orderPayment; a reward: rewardPayment): find the payer's account (its currency is the payment's), create the payment at
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
    @Inject(ORDER_PAYMENTS) private readonly orders: OrderPayments,
    @Inject(AUTHOR_REWARDS) private readonly rewards: AuthorRewards,
  ) {}

  async execute(command: CreatePaymentCommand): Promise<Payment> {
    const { payerId, purpose, accountId, amount } = command;
    const provider = this.provider.name;
    if (provider === null)
      throw new DependencyUnavailableError('No payment provider is configured');
    if (purpose === 'order') return this.orderPayment(provider, payerId, command.orderId!);
    if (purpose === 'reward') return this.rewardPayment(provider, command);
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

  /**
   * An order's payment: the order must be the payer's (else 404) and payable now (409
   * ORDER_NOT_PAYABLE); its amount and currency are the order's. Whether it is still payable
   * when the money arrives is decided again then, on the order's locked row.
   */
  private async orderPayment(
    provider: PaymentProviderName,
    payerId: string,
    orderId: string,
  ): Promise<Payment> {
    const order = await this.uow.run(() => this.orders.orderToPay(payerId, orderId));
    const id = newId(this.clock.now().getTime());
    const atProvider = await this.provider.createPayment({
      paymentId: id,
      amount: order.amount,
      currency: order.currency,
      description: `Atrium stay order ${order.orderId}`,
    });
    const payment = Payment.startOrder({
      id,
      payerId,
      orderId: order.orderId,
      amount: order.amount,
      currency: order.currency,
      provider,
      providerRef: atProvider.providerRef,
      checkoutUrl: atProvider.checkoutUrl,
      now: this.clock.now(),
    });
    await this.uow.run(() => this.payments.insert(payment));
    return payment;
  }

  /**
   * A reward: the article must be published (404), not the payer's own (422
   * CANNOT_REWARD_SELF), and its author must have an account in the currency (422
   * RECIPIENT_HAS_NO_ACCOUNT); decided again when the money arrives. The payer needs no account.
   */
  private async rewardPayment(
    provider: PaymentProviderName,
    { payerId, articleId, amount, currency }: CreatePaymentCommand,
  ): Promise<Payment> {
    // The request's validation makes all three present for a reward.
    await this.uow.run(() => this.rewards.assertRewardable(payerId, articleId!, currency!));
    const id = newId(this.clock.now().getTime());
    const atProvider = await this.provider.createPayment({
      paymentId: id,
      amount: amount!,
      currency: currency!,
      description: `Atrium reward for article ${articleId}`,
    });
    const payment = Payment.startReward({
      id,
      payerId,
      articleId: articleId!,
      amount: amount!,
      currency: currency!,
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

import { Currency } from '@domain/bank/money.value-object';
import { Payment, PaymentProps, PaymentProviderName } from '@domain/payment/payment.aggregate';
import { SignatureInvalidError } from '@domain/payment/payment.errors';
import {
  CreateProviderPayment,
  PaymentProvider,
  ProviderEvent,
  ProviderPayment,
  ProviderRefund,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { PaymentRepository } from '@domain/payment/payment.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { OrderPaymentOutcome, OrderPayments, OrderToPay } from '@domain/stay/order-payments.port';
import { OrderNotPayableError } from '@domain/stay/stay.errors';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { AuthorRewardOutcome, AuthorRewards } from '@domain/interaction/author-rewards.port';
import { CannotRewardSelfError } from '@domain/interaction/interaction.errors';
import { Transactional } from './unit-of-work';

interface PaymentState {
  payments: Map<string, PaymentProps>;
  events: Set<string>;
}

/** The payments and payment_events tables; payments are stored as snapshots. */
export class InMemoryPaymentRepository implements PaymentRepository, Transactional {
  private state: PaymentState = { payments: new Map(), events: new Set() };

  row(id: string): Readonly<PaymentProps> | undefined {
    return this.state.payments.get(id);
  }

  /** Whether the provider's event is recorded as handled. */
  handled(provider: PaymentProviderName, eventId: string): boolean {
    return this.state.events.has(`${provider}:${eventId}`);
  }

  async insert(payment: Payment): Promise<void> {
    if (this.state.payments.has(payment.id)) throw new Error(`duplicate payment ${payment.id}`);
    this.state.payments.set(payment.id, payment.snapshot());
  }

  async findById(id: string): Promise<Payment | null> {
    const row = this.state.payments.get(id);
    return row ? Payment.restore(row) : null;
  }

  async lockByProviderRef(
    provider: PaymentProviderName,
    providerRef: string,
  ): Promise<Payment | null> {
    const row = [...this.state.payments.values()].find(
      (p) => p.provider === provider && p.providerRef === providerRef,
    );
    return row ? Payment.restore(row) : null;
  }

  async lockSucceededForOrder(orderId: string): Promise<Payment | null> {
    const row = [...this.state.payments.values()].find(
      (p) => p.orderId === orderId && p.status === 'succeeded',
    );
    return row ? Payment.restore(row) : null;
  }

  async save(payment: Payment): Promise<void> {
    if (!this.state.payments.has(payment.id)) throw new Error(`no payment ${payment.id} to save`);
    this.state.payments.set(payment.id, payment.snapshot());
  }

  async listByPayer(payerId: string, beforeId: string | null, limit: number): Promise<Payment[]> {
    return [...this.state.payments.values()]
      .filter((p) => p.payerId === payerId && (beforeId === null || p.id < beforeId))
      .sort((a, b) => b.id.localeCompare(a.id))
      .slice(0, limit)
      .map((p) => Payment.restore(p));
  }

  async succeededBetween(from: Date, to: Date): Promise<Payment[]> {
    return [...this.state.payments.values()]
      .filter((p) => p.succeededAt !== null && p.succeededAt >= from && p.succeededAt < to)
      .map((p) => Payment.restore(p));
  }

  async refundedBetween(from: Date, to: Date): Promise<Payment[]> {
    return [...this.state.payments.values()]
      .filter((p) => p.refundedAt !== null && p.refundedAt >= from && p.refundedAt < to)
      .map((p) => Payment.restore(p));
  }

  async markEventProcessed(provider: PaymentProviderName, eventId: string): Promise<boolean> {
    const key = `${provider}:${eventId}`;
    if (this.state.events.has(key)) return false;
    this.state.events.add(key);
    return true;
  }

  saveState(): unknown {
    return { payments: new Map(this.state.payments), events: new Set(this.state.events) };
  }

  restoreState(state: unknown): void {
    const s = state as PaymentState;
    this.state = { payments: new Map(s.payments), events: new Set(s.events) };
  }
}

/**
 * A provider that creates payments in memory and whose "signature" is the header
 * `x-test-signature: valid`; events are JSON ProviderEvent objects.
 */
export class FakePaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  readonly created: CreateProviderPayment[] = [];
  readonly refunds: ProviderRefund[] = [];
  /** While true, refund requests fail (the provider is down). */
  refundsDown = false;

  async refund(request: ProviderRefund): Promise<void> {
    if (this.refundsDown) throw new Error('provider down');
    this.refunds.push(request);
  }

  async createPayment(request: CreateProviderPayment): Promise<ProviderPayment> {
    this.created.push(request);
    const providerRef = `ref_${request.paymentId}`;
    return { providerRef, checkoutUrl: `https://provider.test/checkout/${providerRef}` };
  }

  parseWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent {
    if (headers['x-test-signature'] !== 'valid') throw new SignatureInvalidError('test');
    return JSON.parse(rawBody) as ProviderEvent;
  }

  /** The settlement report served by settlementReport, set by the test. */
  settlements: ProviderSettlement[] = [];

  async settlementReport(date: string): Promise<ProviderSettlement[]> {
    return this.settlements.filter((s) => s.settledAt.toISOString().startsWith(date));
  }

  /** A signed notification about `providerRef`. */
  static event(
    id: string,
    type: string,
    providerRef: string,
    amount: number,
    currency: Currency | string,
  ): { rawBody: string; headers: Record<string, string> } {
    const event: ProviderEvent = {
      id,
      type,
      createdAt: new Date().toISOString(),
      providerRef,
      amount,
      currency,
    };
    return { rawBody: JSON.stringify(event), headers: { 'x-test-signature': 'valid' } };
  }
}

/**
 * The stay context's ORDER_PAYMENTS seen from the payment context: orders with their money and
 * whether they may be paid; `payFrom` records the calls and pays a payable order once.
 */
export class FakeOrderPayments implements OrderPayments {
  readonly orders = new Map<string, OrderToPay & { guestId: string; payable: boolean }>();
  readonly paid: { orderId: string; fromAccountId: string }[] = [];

  add(orderId: string, guestId: string, amount: number, currency: Currency, payable = true): void {
    this.orders.set(orderId, { orderId, guestId, amount, currency, payable });
  }

  async orderToPay(guestId: string, orderId: string): Promise<OrderToPay> {
    const order = this.orders.get(orderId);
    if (!order || order.guestId !== guestId) throw new NotFoundError('Order');
    if (!order.payable) throw new OrderNotPayableError('it is cancelled');
    return { orderId, amount: order.amount, currency: order.currency };
  }

  async payFrom(orderId: string, fromAccountId: string): Promise<OrderPaymentOutcome> {
    const order = this.orders.get(orderId);
    if (!order?.payable) return { paid: false, reason: 'not payable' };
    order.payable = false;
    this.paid.push({ orderId, fromAccountId });
    return { paid: true, transferId: `transfer-order-${orderId}` };
  }
}

/**
 * The interaction context's AUTHOR_REWARDS seen from the payment context: published articles
 * with their author and the author's accounts; `rewardFrom` records the rewards it makes.
 */
export class FakeAuthorRewards implements AuthorRewards {
  readonly articles = new Map<
    string,
    { authorId: string; accounts: Partial<Record<Currency, string>> }
  >();
  readonly rewarded: {
    articleId: string;
    fromAccountId: string;
    toAccountId: string;
    amount: number;
  }[] = [];

  add(articleId: string, authorId: string, accounts: Partial<Record<Currency, string>>): void {
    this.articles.set(articleId, { authorId, accounts });
  }

  async assertRewardable(readerId: string, articleId: string, currency: Currency): Promise<void> {
    const article = this.articles.get(articleId);
    if (!article) throw new NotFoundError('Article');
    if (article.authorId === readerId) throw new CannotRewardSelfError();
    if (!article.accounts[currency]) throw new RecipientHasNoAccountError(currency);
  }

  async rewardFrom(
    readerId: string,
    articleId: string,
    fromAccountId: string,
    amount: number,
    currency: Currency,
  ): Promise<AuthorRewardOutcome> {
    try {
      await this.assertRewardable(readerId, articleId, currency);
    } catch (err) {
      return { rewarded: false, reason: (err as Error).message };
    }
    const toAccountId = this.articles.get(articleId)!.accounts[currency]!;
    this.rewarded.push({ articleId, fromAccountId, toAccountId, amount });
    return { rewarded: true, transferId: `transfer-reward-${this.rewarded.length}` };
  }
}

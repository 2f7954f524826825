import { Currency } from '../bank/money.value-object';
import { PaymentTransitionError } from './payment.errors';

export const PAYMENT_STATUSES = [
  'requires_action',
  'succeeded',
  'failed',
  'refund_pending',
  'refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_PURPOSES = ['top_up', 'order', 'reward'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/** `declined`: the payer (or the provider) refused; `amount_mismatch`: the provider reported other money. */
export const PAYMENT_FAILURE_REASONS = ['declined', 'amount_mismatch'] as const;
export type PaymentFailureReason = (typeof PAYMENT_FAILURE_REASONS)[number];

export const PAYMENT_PROVIDERS = ['sandbox', 'stripe'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

export interface PaymentProps {
  id: string;
  payerId: string;
  purpose: PaymentPurpose;
  status: PaymentStatus;
  amount: number;
  currency: Currency;
  provider: PaymentProviderName;
  /** The provider's id of the payment (what its notifications name). */
  providerRef: string;
  /** Where the payer completes the payment at the provider. */
  checkoutUrl: string;
  /** top_up: the payer's account the money goes to. */
  accountId: string | null;
  /** order: the stay order paid. */
  orderId: string | null;
  /** reward: the article rewarded (its author gets the money). */
  articleId: string | null;
  /** clearing → target, when the payment succeeded. */
  transferId: string | null;
  /** The ledger movement that gave the money back to clearing (a stay refund); null when none was needed. */
  refundTransferId: string | null;
  failureReason: PaymentFailureReason | null;
  /**
   * When the provider's success was accepted: the money is at the provider from then on, whether
   * Atrium applied it (`succeeded`) or could not (a late success, `refund_pending` with no
   * transfer). Kept through a later refund: the reconciliation's charge line of the payment.
   */
  succeededAt: Date | null;
  /** When the provider reported the refund done (`refunded`): the reconciliation's refund line. */
  refundedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What every new payment has; each purpose adds its target. */
interface StartPayment {
  id: string;
  payerId: string;
  amount: number;
  currency: Currency;
  provider: PaymentProviderName;
  providerRef: string;
  checkoutUrl: string;
  now: Date;
}

export interface StartOrderPayment extends StartPayment {
  orderId: string;
}

export interface StartReward extends StartPayment {
  articleId: string;
}

export interface StartTopUp extends StartPayment {
  accountId: string;
}

/**
 * Atrium's record of one payment at the external provider, and its state machine:
 *
 *     requires_action ─provider: succeeded, money applied───→ succeeded
 *     requires_action ─provider: failed / amount mismatch───→ failed
 *     requires_action ─provider: succeeded, target gone─────→ refund_pending
 *     succeeded ─refund requested───────────────────────────→ refund_pending
 *     refund_pending ─provider: refund succeeded────────────→ refunded
 *
 * failed and refunded are final. Provider notifications may arrive late, twice or out of
 * order: one that finds the payment no longer awaiting it is stale and changes nothing
 * (`awaitsProvider`), which the webhook handler decides on the payment's locked row.
 */
export class Payment {
  private constructor(private props: PaymentProps) {}

  static startTopUp({ accountId, ...input }: StartTopUp): Payment {
    return Payment.start(input, 'top_up', { accountId, orderId: null, articleId: null });
  }

  /** An order's payment: its amount and currency are the order's. */
  static startOrder({ orderId, ...input }: StartOrderPayment): Payment {
    return Payment.start(input, 'order', { accountId: null, orderId, articleId: null });
  }

  /** A reward to an article's author, paid by the payer at the provider. */
  static startReward({ articleId, ...input }: StartReward): Payment {
    return Payment.start(input, 'reward', { accountId: null, orderId: null, articleId });
  }

  private static start(
    input: StartPayment,
    purpose: PaymentPurpose,
    target: Pick<PaymentProps, 'accountId' | 'orderId' | 'articleId'>,
  ): Payment {
    return new Payment({
      id: input.id,
      payerId: input.payerId,
      purpose,
      status: 'requires_action',
      amount: input.amount,
      currency: input.currency,
      provider: input.provider,
      providerRef: input.providerRef,
      checkoutUrl: input.checkoutUrl,
      ...target,
      transferId: null,
      refundTransferId: null,
      failureReason: null,
      succeededAt: null,
      refundedAt: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(props: PaymentProps): Payment {
    return new Payment({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get payerId(): string {
    return this.props.payerId;
  }
  get purpose(): PaymentPurpose {
    return this.props.purpose;
  }
  get status(): PaymentStatus {
    return this.props.status;
  }
  get amount(): number {
    return this.props.amount;
  }
  get currency(): Currency {
    return this.props.currency;
  }
  get accountId(): string | null {
    return this.props.accountId;
  }
  get providerRef(): string {
    return this.props.providerRef;
  }
  get orderId(): string | null {
    return this.props.orderId;
  }
  get articleId(): string | null {
    return this.props.articleId;
  }
  get refundTransferId(): string | null {
    return this.props.refundTransferId;
  }
  get transferId(): string | null {
    return this.props.transferId;
  }
  get succeededAt(): Date | null {
    return this.props.succeededAt;
  }
  get refundedAt(): Date | null {
    return this.props.refundedAt;
  }

  /**
   * Whether the provider's money went through the ledger (clearing → target): false for a late
   * success (the provider took it, the target could not; nothing moved, nothing moves back).
   */
  get movedMoney(): boolean {
    return this.props.transferId !== null || this.props.status === 'succeeded';
  }

  snapshot(): Readonly<PaymentProps> {
    return { ...this.props };
  }

  /** Its payer and admins may see it; to anyone else it does not exist. */
  isVisibleTo(userId: string, isAdmin: boolean): boolean {
    return isAdmin || userId === this.props.payerId;
  }

  /** Whether the provider's outcome is still awaited: otherwise a payment notification is stale. */
  get awaitsProvider(): boolean {
    return this.props.status === 'requires_action';
  }

  /** Whether the provider reports exactly the money this payment asked for. */
  matches(amount: number, currency: string): boolean {
    return amount === this.props.amount && currency === this.props.currency;
  }

  /** The money was applied by `transferId` (clearing → target). */
  succeed(transferId: string, now: Date): void {
    this.transition(['requires_action'], 'succeeded', now, { transferId, succeededAt: now });
  }

  fail(reason: PaymentFailureReason, now: Date): void {
    this.transition(['requires_action'], 'failed', now, { failureReason: reason });
  }

  /**
   * The provider took the money but Atrium cannot apply it (requires_action: no ledger
   * movement), or Atrium gives it back (succeeded: `refundTransferId` moved it target →
   * clearing): a provider refund is due.
   */
  requireRefund(now: Date, refundTransferId: string | null = null): void {
    if (this.props.status === 'succeeded' && refundTransferId === null)
      throw new PaymentTransitionError('succeeded', 'refund_pending without a refund transfer');
    // From requires_action the provider's success arrives now (a late success); a succeeded
    // payment keeps the time of its success.
    const succeededAt = this.props.succeededAt ?? now;
    this.transition(['requires_action', 'succeeded'], 'refund_pending', now, {
      refundTransferId,
      succeededAt,
    });
  }

  /** The provider reports the refund done. */
  refunded(now: Date): void {
    this.transition(['refund_pending'], 'refunded', now, { refundedAt: now });
  }

  private transition(
    from: readonly PaymentStatus[],
    to: PaymentStatus,
    now: Date,
    changes: Partial<PaymentProps>,
  ): void {
    if (!from.includes(this.props.status)) throw new PaymentTransitionError(this.props.status, to);
    this.props = { ...this.props, ...changes, status: to, updatedAt: now };
  }
}

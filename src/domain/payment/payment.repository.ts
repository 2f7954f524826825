import { Payment, PaymentProviderName } from './payment.aggregate';

export interface PaymentRepository {
  insert(payment: Payment): Promise<void>;
  findById(id: string): Promise<Payment | null>;
  /** SELECT … FOR UPDATE by the provider's reference: a notification decides on the locked row. */
  lockByProviderRef(provider: PaymentProviderName, providerRef: string): Promise<Payment | null>;
  /** SELECT … FOR UPDATE of the order's succeeded payment (at most one pays an order), if any. */
  lockSucceededForOrder(orderId: string): Promise<Payment | null>;
  /** Writes the mutable state (status, transfers, failure reason, updatedAt). */
  save(payment: Payment): Promise<void>;
  /** The payer's payments, newest first; `beforeId` is the keyset position. */
  listByPayer(payerId: string, beforeId: string | null, limit: number): Promise<Payment[]>;
  /**
   * The payments whose provider success was accepted in [from, to) (`succeededAt`), whatever
   * their status now (refunded since, or a late success never applied): the charge lines of a
   * day's reconciliation.
   */
  succeededBetween(from: Date, to: Date): Promise<Payment[]>;
  /** The payments that became `refunded` in [from, to) (`refundedAt`): the day's refund lines. */
  refundedBetween(from: Date, to: Date): Promise<Payment[]>;
  /**
   * Records that the provider's event `eventId` is handled, in the caller's transaction; false
   * when it already was (a redelivery: no second effect). A concurrent delivery of the same
   * event waits on the first one's row and then finds it.
   */
  markEventProcessed(
    provider: PaymentProviderName,
    eventId: string,
    type: string,
    now: Date,
  ): Promise<boolean>;
}

export const PAYMENT_REPOSITORY = Symbol('PaymentRepository');

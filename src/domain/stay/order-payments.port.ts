import { Currency } from '../bank/money.value-object';

/** What an order asks of a payment: its money. */
export interface OrderToPay {
  orderId: string;
  amount: number;
  currency: Currency;
}

/** Whether a payment made the order paid (`transferId`: the account → escrow movement). */
export type OrderPaymentOutcome =
  { paid: true; transferId: string } | { paid: false; reason: string };

/**
 * The stay context's port for payments made elsewhere (the payment context's provider
 * payments). Both calls run in the caller's transaction.
 */
export interface OrderPayments {
  /**
   * The order `guestId` may pay now: NotFoundError unless it is the guest's,
   * OrderNotPayableError unless it awaits payment before its deadline.
   */
  orderToPay(guestId: string, orderId: string): Promise<OrderToPay>;
  /**
   * Locks the order and, if it may still be paid now, pays it from `fromAccountId` exactly as
   * a balance payment does (account → escrow, paid, check-in credential, OrderPaid and
   * OrderCheckOutDue); otherwise changes nothing and says why. The order's paying account is
   * `fromAccountId`: a refund goes back there.
   */
  payFrom(orderId: string, fromAccountId: string): Promise<OrderPaymentOutcome>;
}

export const ORDER_PAYMENTS = Symbol('OrderPayments');

/**
 * Cancel one order for payment_timeout if it is still unpaid past payBefore. Sent by the
 * order's delayed deadline job (OrderPaymentDueSubscriber) and by the sweep
 * (OrderDeadlinesSweeper) for each overdue order it finds. The result is true when this
 * command cancelled the order.
 */
export class ExpireUnpaidOrderCommand {
  constructor(readonly orderId: string) {}
}

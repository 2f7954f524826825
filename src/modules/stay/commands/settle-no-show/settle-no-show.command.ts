/**
 * Settle one order as a no-show if, on its locked row, it is still paid at 00:00 UTC of its
 * check-out day. Sent by the order's delayed job (OrderCheckOutDueSubscriber) and by the sweep
 * (OrderDeadlinesSweeper). The result is true when this command settled the order.
 */
export class SettleNoShowCommand {
  constructor(readonly orderId: string) {}
}

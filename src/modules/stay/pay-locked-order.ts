import { Outbox } from '@domain/shared/domain-event';
import { newId } from '@domain/shared/uuid';
import { CheckInCredential } from '@domain/stay/check-in-credential';
import { CheckInCredentialRepository } from '@domain/stay/check-in-credential.repository';
import { CheckInCodes } from '@domain/stay/check-in-codes.port';
import { orderCheckOutDue } from '@domain/stay/events/order-check-out-due.event';
import { orderPaid } from '@domain/stay/events/order-paid.event';
import { Order } from '@domain/stay/order.aggregate';
import { OrderRepository } from '@domain/stay/order.repository';
import { Escrow } from './escrow';

export interface OrderPayingDeps {
  orders: OrderRepository;
  credentials: CheckInCredentialRepository;
  codes: CheckInCodes;
  escrow: Escrow;
  outbox: Outbox;
}

/**
 * The one way an order becomes paid, whoever pays it (the guest's balance, PayOrderHandler; a
 * provider payment through `clearing`, StayOrderPayments). In the caller's transaction, on the
 * order's locked row, which the caller found payable now: `fromAccountId` → escrow (kind
 * payment), the order paid, the hash of its check-in code stored, OrderPaid (the emails) and
 * OrderCheckOutDue (the no-show's delayed job) appended. Returns the payment's transfer id.
 */
export async function payLockedOrder(
  deps: OrderPayingDeps,
  order: Order,
  fromAccountId: string,
  now: Date,
): Promise<string> {
  // Held in escrow until check-in: the host is paid then, so a refund never claws back.
  const transferId = await deps.escrow.hold(order, fromAccountId);
  order.markPaid(transferId, fromAccountId, now);
  await deps.orders.save(order);
  const code = deps.codes.codeFor(order.id, transferId);
  await deps.credentials.insert(CheckInCredential.issue(order.id, deps.codes.hash(order.id, code)));
  await deps.outbox.append(
    orderPaid(newId(now.getTime()), order, now),
    orderCheckOutDue(newId(now.getTime()), order, now),
  );
  return transferId;
}

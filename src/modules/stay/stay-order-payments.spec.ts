import { StayWorld } from '@test/support/fakes/stay-world';
import { NotFoundError } from '@domain/shared/domain-error';
import { ORDER_CHECK_OUT_DUE } from '@domain/stay/events/order-check-out-due.event';
import { ORDER_PAID } from '@domain/stay/events/order-paid.event';
import { OrderNotPayableError } from '@domain/stay/stay.errors';
import { StayOrderPayments } from './stay-order-payments';

describe('StayOrderPayments (ORDER_PAYMENTS over in-memory ports, the real ledger)', () => {
  let world: StayWorld;
  let port: StayOrderPayments;
  let clearing: string;

  beforeEach(() => {
    world = new StayWorld();
    const { orders, credentials, codes, escrow, outbox, clock } = world;
    port = new StayOrderPayments(orders, credentials, codes, escrow, outbox, clock);
    clearing = world.accounts.systemAccountId('clearing', 'USD');
  });

  const inUnit = <T>(work: () => Promise<T>) => world.uow.run(work);

  it("orderToPay: the guest's payable order gives its money; someone else's is 404, a cancelled one 409", async () => {
    const order = world.placeOrder();
    expect(await inUnit(() => port.orderToPay(StayWorld.GUEST, order.id))).toEqual({
      orderId: order.id,
      amount: StayWorld.AMOUNT,
      currency: 'USD',
    });
    await expect(inUnit(() => port.orderToPay(StayWorld.HOST, order.id))).rejects.toThrow(
      NotFoundError,
    );
    world.clock.advance(900_000);
    await expect(inUnit(() => port.orderToPay(StayWorld.GUEST, order.id))).rejects.toThrow(
      OrderNotPayableError,
    );
  });

  it('payFrom(clearing) pays the order exactly as a balance payment: escrow, paid, credential, events', async () => {
    const order = world.placeOrder();
    const outcome = await inUnit(() => port.payFrom(order.id, clearing));
    expect(outcome).toEqual({ paid: true, transferId: expect.any(String) });
    const row = world.orders.row(order.id)!;
    expect(row).toMatchObject({
      status: 'paid',
      paidFromAccountId: clearing,
      transferId: outcome.paid ? outcome.transferId : null,
    });
    expect(world.accounts.balanceOf(world.systemAccount('escrow'))).toBe(StayWorld.AMOUNT);
    expect(world.accounts.balanceOf(clearing)).toBe(-StayWorld.AMOUNT);
    expect(world.credentials.row(order.id)).toBeDefined();
    expect(world.outbox.ofType(ORDER_PAID)).toHaveLength(1);
    expect(world.outbox.ofType(ORDER_CHECK_OUT_DUE)).toHaveLength(1);
    expect(world.ledgerProblems()).toEqual([]);

    // Its stay refund sends the money back to clearing, the paying account.
    const refunded = await world.refund(StayWorld.GUEST, order.id);
    expect(refunded.status).toBe('refunded');
    expect(world.accounts.balanceOf(clearing)).toBe(0);
    expect(world.ledgerProblems()).toEqual([]);
  });

  it('payFrom on an order no longer payable (paid already, cancelled by its deadline) moves nothing', async () => {
    const paid = await world.paidOrder();
    const expired = world.placeOrder({ checkIn: '2030-07-01', checkOut: '2030-07-02' });
    const before = world.accounts.transfers().length;
    expect(await inUnit(() => port.payFrom(paid.id, clearing))).toEqual({
      paid: false,
      reason: expect.stringContaining('paid'),
    });
    world.clock.advance(900_000);
    expect(await inUnit(() => port.payFrom(expired.id, clearing))).toEqual({
      paid: false,
      reason: expect.stringContaining('deadline'),
    });
    expect(await inUnit(() => port.payFrom('no-such-order', clearing))).toMatchObject({
      paid: false,
    });
    expect(world.accounts.transfers()).toHaveLength(before);
    expect(world.orders.row(expired.id)?.status).toBe('pending_payment');
    expect(world.ledgerProblems()).toEqual([]);
  });
});

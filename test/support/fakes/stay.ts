import { CheckInCredential, CheckInCredentialProps } from '@domain/stay/check-in-credential';
import { CheckInCredentialRepository } from '@domain/stay/check-in-credential.repository';
import { Order, OrderProps } from '@domain/stay/order.aggregate';
import { OrderRepository } from '@domain/stay/order.repository';
import { StayDates } from '@domain/stay/stay-dates.value-object';
import { Transactional } from './unit-of-work';

/** The orders table; orders are stored as snapshots (an unsaved change is lost). */
export class InMemoryOrderRepository implements OrderRepository, Transactional {
  private rows = new Map<string, OrderProps>();
  /** Ids passed to lockById, in call order. */
  readonly locked: string[] = [];

  /** Test setup: stores the order as it is. */
  given(order: Order): Order {
    this.rows.set(order.id, order.snapshot());
    return order;
  }

  /** The stored row, as the database has it. */
  row(id: string): Readonly<OrderProps> | undefined {
    return this.rows.get(id);
  }

  async insert(order: Order): Promise<void> {
    if (this.rows.has(order.id)) throw new Error(`duplicate order id ${order.id}`);
    this.rows.set(order.id, order.snapshot());
  }

  async findById(id: string): Promise<Order | null> {
    const row = this.rows.get(id);
    return row ? Order.restore(row) : null;
  }

  async lockById(id: string): Promise<Order | null> {
    this.locked.push(id);
    return this.findById(id);
  }

  async save(order: Order): Promise<void> {
    if (!this.rows.has(order.id)) throw new Error(`no order ${order.id} to save`);
    this.rows.set(order.id, order.snapshot());
  }

  async hasLiveOverlap(homestayId: string, dates: StayDates, now: Date): Promise<boolean> {
    return [...this.rows.values()].some(
      (o) =>
        o.homestayId === homestayId &&
        (['paid', 'checked_in', 'no_show'].includes(o.status) ||
          (o.status === 'pending_payment' && o.payBefore > now)) &&
        o.checkIn < dates.checkOut &&
        dates.checkIn < o.checkOut,
    );
  }

  async lockGuestAndCountPending(guestId: string, now: Date): Promise<number> {
    return [...this.rows.values()].filter(
      (o) => o.guestId === guestId && o.status === 'pending_payment' && o.payBefore > now,
    ).length;
  }

  async findOverdueIds(now: Date, limit: number): Promise<string[]> {
    return [...this.rows.values()]
      .filter((o) => o.status === 'pending_payment' && o.payBefore.getTime() <= now.getTime())
      .sort((a, b) => a.payBefore.getTime() - b.payBefore.getTime())
      .slice(0, limit)
      .map((o) => o.id);
  }

  async findNoShowIds(now: Date, limit: number): Promise<string[]> {
    const today = now.toISOString().slice(0, 10);
    return [...this.rows.values()]
      .filter((o) => o.status === 'paid' && o.checkOut <= today)
      .sort((a, b) => a.checkOut.localeCompare(b.checkOut))
      .slice(0, limit)
      .map((o) => o.id);
  }

  async list(filter: {
    as: 'guest' | 'host';
    userId: string;
    beforeId: string | null;
    limit: number;
  }): Promise<Order[]> {
    return [...this.rows.values()]
      .filter((o) => (filter.as === 'guest' ? o.guestId : o.hostId) === filter.userId)
      .filter((o) => filter.beforeId === null || o.id < filter.beforeId)
      .sort((a, b) => b.id.localeCompare(a.id))
      .slice(0, filter.limit)
      .map((o) => Order.restore(o));
  }

  saveState(): unknown {
    return new Map(this.rows);
  }

  restoreState(state: unknown): void {
    this.rows = new Map(state as Map<string, OrderProps>);
  }
}

/** The order_check_ins table. */
export class InMemoryCheckInCredentialRepository
  implements CheckInCredentialRepository, Transactional
{
  private rows = new Map<string, CheckInCredentialProps>();

  row(orderId: string): Readonly<CheckInCredentialProps> | undefined {
    return this.rows.get(orderId);
  }

  async insert(credential: CheckInCredential): Promise<void> {
    const c = credential.snapshot();
    if (this.rows.has(c.orderId)) throw new Error(`duplicate credential ${c.orderId}`);
    this.rows.set(c.orderId, c);
  }

  async findByOrderId(orderId: string): Promise<CheckInCredential | null> {
    const row = this.rows.get(orderId);
    return row ? CheckInCredential.restore(row) : null;
  }

  async save(credential: CheckInCredential): Promise<void> {
    const c = credential.snapshot();
    if (!this.rows.has(c.orderId)) throw new Error(`no credential ${c.orderId} to save`);
    this.rows.set(c.orderId, c);
  }

  async delete(orderId: string): Promise<void> {
    this.rows.delete(orderId);
  }

  saveState(): unknown {
    return new Map(this.rows);
  }

  restoreState(state: unknown): void {
    this.rows = new Map(state as Map<string, CheckInCredentialProps>);
  }
}

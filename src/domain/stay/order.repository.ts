import { Order } from './order.aggregate';
import { StayDates } from './stay-dates.value-object';

export interface OrderRepository {
  insert(order: Order): Promise<void>;
  findById(id: string): Promise<Order | null>;
  /** SELECT ... FOR UPDATE: pay, cancel and the deadline decide on the locked row. */
  lockById(id: string): Promise<Order | null>;
  /** Writes the mutable state (status, paidAt, cancelledAt, cancelReason, transferId, checkInCode). */
  save(order: Order): Promise<void>;
  /**
   * Whether a live order of the homestay (paid, or pending and not yet past its deadline)
   * shares a night with `dates`. A locking read: it sees every committed order, whatever the
   * transaction's snapshot. Call it while holding the homestay's lock.
   */
  hasLiveOverlap(homestayId: string, dates: StayDates, now: Date): Promise<boolean>;
  /**
   * Locks the guest (a row the stay context owns, created on their first order, held to the
   * end of the transaction), so the order placements of one guest run one after the other, and
   * returns how many of the guest's orders await payment and are not past their deadline, from
   * the latest committed rows.
   */
  lockGuestAndCountPending(guestId: string, now: Date): Promise<number>;
  /** Ids of pending orders whose deadline has passed, oldest deadline first. */
  findOverdueIds(now: Date, limit: number): Promise<string[]>;
  /** Newest first; `beforeId` is the keyset position. */
  list(filter: {
    as: 'guest' | 'host';
    userId: string;
    beforeId: string | null;
    limit: number;
  }): Promise<Order[]>;
}

export const ORDER_REPOSITORY = Symbol('OrderRepository');

import { Order } from './order.aggregate';
import { StayDates } from './stay-dates.value-object';

export interface OrderRepository {
  insert(order: Order): Promise<void>;
  findById(id: string): Promise<Order | null>;
  /** SELECT ... FOR UPDATE: pay, cancel and the deadline decide on the locked row. */
  lockById(id: string): Promise<Order | null>;
  /** Writes the mutable state (status, the timestamps and transfers of each transition). */
  save(order: Order): Promise<void>;
  /**
   * Whether a live order of the homestay (paid, checked in or no-show, or pending and not yet past its deadline)
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
  /** Ids of paid orders whose check-out day (00:00 UTC) has come: no-shows, oldest check-out first. */
  findNoShowIds(now: Date, limit: number): Promise<string[]>;
  /** Newest first; `beforeId` is the keyset position. */
  list(filter: {
    as: 'guest' | 'host';
    userId: string;
    beforeId: string | null;
    limit: number;
  }): Promise<Order[]>;
}

export const ORDER_REPOSITORY = Symbol('OrderRepository');

import { Homestay } from './homestay.aggregate';

export interface HomestayRepository {
  insert(homestay: Homestay): Promise<void>;
  findById(id: string): Promise<Homestay | null>;
  /**
   * Locks the row exclusively (and writes it, so the lock also holds across Galera nodes):
   * holding it serialises everything that books this homestay, so the overlap check and the
   * insert of a new order can't interleave with another's. Null: no such homestay.
   */
  lockById(id: string): Promise<Homestay | null>;
  update(homestay: Homestay): Promise<void>;
  /** Newest first; `beforeId` is the keyset position; `city` matches case-insensitively. */
  list(filter: { city?: string; beforeId: string | null; limit: number }): Promise<Homestay[]>;
}

export const HOMESTAY_REPOSITORY = Symbol('HomestayRepository');

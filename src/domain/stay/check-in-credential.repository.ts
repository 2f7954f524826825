import { CheckInCredential } from './check-in-credential';

/** Read and written while the order's row is locked: the order's lock covers its credential. */
export interface CheckInCredentialRepository {
  insert(credential: CheckInCredential): Promise<void>;
  findByOrderId(orderId: string): Promise<CheckInCredential | null>;
  /** Writes the count of wrong codes and the lock. */
  save(credential: CheckInCredential): Promise<void>;
  /** The order left `paid`: its code is no longer needed. */
  delete(orderId: string): Promise<void>;
}

export const CHECK_IN_CREDENTIAL_REPOSITORY = Symbol('CheckInCredentialRepository');

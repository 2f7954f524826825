/**
 * Runs work in one database transaction. Repositories called inside join it implicitly.
 * Implementations retry the whole unit on deadlocks and lock-wait timeouts, so the work
 * must be safe to run again (no side effects outside the database inside it).
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export const UNIT_OF_WORK = Symbol('UnitOfWork');

/**
 * `readCommitted`: for work that must not hold gap locks while it waits on something slow, e.g.
 * the outbox relay, whose locking scan of the newest rows would otherwise block every insert
 * into the outbox until Redis answered. Its locking reads still lock the rows they return.
 */
export interface UnitOfWorkOptions {
  readCommitted?: boolean;
}

/**
 * Runs work in one database transaction. Repositories called inside join it implicitly.
 * Implementations retry the whole unit on deadlocks and lock-wait timeouts, so the work
 * must be safe to run again (no side effects outside the database inside it).
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>, options?: UnitOfWorkOptions): Promise<T>;
}

export const UNIT_OF_WORK = Symbol('UnitOfWork');

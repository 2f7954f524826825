import { AsyncLocalStorage } from 'node:async_hooks';
import { UnitOfWork, UnitOfWorkOptions } from '@domain/shared/unit-of-work';

/** A store whose state the in-memory unit of work can save and put back (its rollback). */
export interface Transactional {
  saveState(): unknown;
  restoreState(state: unknown): void;
}

/** What the fake throws (and retries on) to play a deadlock found at commit time. */
export class SimulatedDeadlock extends Error {
  constructor() {
    super('simulated deadlock');
  }
}

/**
 * The unit of work of the unit tests, with the guarantees the real one gives (see
 * UnitOfWork): all or nothing over the enlisted stores (a throw restores their state as it
 * was when the unit started), nested `run`s join the outer unit, and units run one at a time
 * (as if every unit locked every row it touches, the strictest isolation). `deadlockNext(n)`
 * makes the next n units fail after their work has run, roll back and run again, as the real
 * one does on a deadlock: work with side effects outside the stores shows up twice.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  commits = 0;
  rollbacks = 0;
  private readonly stores: Transactional[] = [];
  private readonly inUnit = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private deadlocks = 0;

  constructor(...stores: Transactional[]) {
    this.enlist(...stores);
  }

  enlist(...stores: Transactional[]): void {
    this.stores.push(...stores);
  }

  /** Whether the caller runs inside a unit (a test asserts that some call happens outside any). */
  get active(): boolean {
    return this.inUnit.getStore() === true;
  }

  deadlockNext(units: number): void {
    this.deadlocks = units;
  }

  run<T>(work: () => Promise<T>, _options?: UnitOfWorkOptions): Promise<T> {
    if (this.inUnit.getStore()) return work();
    const unit = this.queue.then(() => this.inUnit.run(true, () => this.attempt(work)));
    this.queue = unit.catch(() => undefined);
    return unit;
  }

  private async attempt<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      const saved = this.stores.map((s) => s.saveState());
      try {
        const result = await work();
        if (this.deadlocks > 0) {
          this.deadlocks--;
          throw new SimulatedDeadlock();
        }
        this.commits++;
        return result;
      } catch (err) {
        this.stores.forEach((s, i) => s.restoreState(saved[i]));
        this.rollbacks++;
        if (!(err instanceof SimulatedDeadlock)) throw err;
      }
    }
  }
}

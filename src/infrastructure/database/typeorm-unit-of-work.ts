import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork, UnitOfWorkOptions } from '@domain/shared/unit-of-work';
import { isRetryableTransactionError } from './mysql-errors';

const MAX_ATTEMPTS = 8;

/**
 * One transaction per unit, joined by every repository through the CLS transaction host.
 * Deadlocks and lock-wait timeouts roll back the whole unit; it runs again after a jittered
 * exponential backoff so clients never see them.
 */
@Injectable()
export class TypeormUnitOfWork implements UnitOfWork {
  private readonly logger = new Logger(TypeormUnitOfWork.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async run<T>(work: () => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    if (this.txHost.isTransactionActive()) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        // By default the server's isolation (REPEATABLE READ): setting it explicitly costs a round
        // trip per transaction; correctness comes from locking reads (FOR UPDATE) and conditional
        // updates.
        return await (options.readCommitted
          ? this.txHost.withTransaction({ isolationLevel: 'READ COMMITTED' }, work)
          : this.txHost.withTransaction(work));
      } catch (err) {
        if (!isRetryableTransactionError(err) || attempt >= MAX_ATTEMPTS) throw err;
        const delay = Math.random() * Math.min(200, 5 * 2 ** attempt);
        this.logger.debug(`transaction retry ${attempt} after ${(err as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

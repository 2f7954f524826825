import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { AppConfig } from '@infra/config/app-config';
import { PeriodicTask } from '@infra/scheduling/periodic-task';
import { ExpireUnpaidOrderCommand } from './expire-unpaid-order.command';

const BATCH = 100;

/**
 * The database-side safety net of the payment deadline: the delayed OrderPaymentDue job
 * normally cancels an unpaid order at payBefore, but a flushed Redis or a worker that was
 * down can lose or delay it. Every ORDER_SWEEP_INTERVAL_SECONDS each worker process finds
 * the overdue orders and sends ExpireUnpaidOrderCommand for each, as the job does. Sweeps of
 * several instances may overlap: each order is decided on its locked row, so a second sweep
 * just finds nothing left to do.
 */
@Injectable()
export class UnpaidOrdersSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UnpaidOrdersSweeper.name);
  private task?: PeriodicTask;

  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    this.task = PeriodicTask.start({
      every: this.config.env.ORDER_SWEEP_INTERVAL_SECONDS * 1000,
      run: async () => {
        const n = await this.sweep();
        if (n > 0) this.logger.log(`cancelled ${n} unpaid order(s) past their payment deadline`);
      },
      logger: this.logger,
      failure: 'unpaid order sweep failed, retrying next tick',
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }

  /** Cancels every order overdue now; returns how many this call cancelled. */
  async sweep(): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const ids = await this.orders.findOverdueIds(this.clock.now(), BATCH);
      for (const id of ids)
        if (await this.commands.execute(new ExpireUnpaidOrderCommand(id))) cancelled++;
      if (ids.length < BATCH) return cancelled;
    }
  }
}

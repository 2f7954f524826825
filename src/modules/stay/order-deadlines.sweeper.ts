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
import { ExpireUnpaidOrderCommand } from './commands/expire-unpaid-orders/expire-unpaid-order.command';
import { SettleNoShowCommand } from './commands/settle-no-show/settle-no-show.command';

const BATCH = 100;

/**
 * The database-side safety net of an order's two deadlines. Delayed jobs normally act at the
 * instant (OrderPaymentDue at payBefore, OrderCheckOutDue at 00:00 UTC of checkOut), but a
 * flushed Redis or a worker that was down can lose or delay them. Every
 * ORDER_SWEEP_INTERVAL_SECONDS each worker process finds the unpaid orders past payBefore and
 * the paid orders whose check-out day has come, and sends the command the job would have sent
 * for each. Sweeps of several instances may overlap: each order is decided on its locked row, so
 * a second sweep just finds nothing left to do.
 */
@Injectable()
export class OrderDeadlinesSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OrderDeadlinesSweeper.name);
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
        const { cancelled, noShows } = await this.sweep();
        if (cancelled > 0)
          this.logger.log(`cancelled ${cancelled} unpaid order(s) past their payment deadline`);
        if (noShows > 0) this.logger.log(`settled ${noShows} paid order(s) nobody checked in`);
      },
      logger: this.logger,
      failure: 'order deadline sweep failed, retrying next tick',
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }

  /** Acts on every order due now; returns how many this call cancelled and settled as no-shows. */
  async sweep(): Promise<{ cancelled: number; noShows: number }> {
    const cancelled = await this.each(
      (now) => this.orders.findOverdueIds(now, BATCH),
      (id) => new ExpireUnpaidOrderCommand(id),
    );
    const noShows = await this.each(
      (now) => this.orders.findNoShowIds(now, BATCH),
      (id) => new SettleNoShowCommand(id),
    );
    return { cancelled, noShows };
  }

  /**
   * One order that fails (logged) does not stop the others; a batch in which every order failed
   * ends this pass, since the next query would return the same orders again.
   */
  private async each(
    find: (now: Date) => Promise<string[]>,
    command: (id: string) => ExpireUnpaidOrderCommand | SettleNoShowCommand,
  ): Promise<number> {
    let acted = 0;
    for (;;) {
      const ids = await find(this.clock.now());
      let failed = 0;
      for (const id of ids) {
        try {
          if (await this.commands.execute(command(id))) acted++;
        } catch (error) {
          failed++;
          this.logger.error(
            `order ${id}: ${command(id).constructor.name} failed, retrying next pass: ${(error as Error).message}`,
          );
        }
      }
      if (ids.length < BATCH || failed === ids.length) return acted;
    }
  }
}

import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';

/** The worker process: queue processors, outbox relay and schedulers; no HTTP. */
@Module({ imports: [CoreModule] })
export class WorkerModule {}

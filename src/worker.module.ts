import { DynamicModule, Module } from '@nestjs/common';
import { CONTEXT_MODULES } from './contexts';
import { CoreModule } from './core.module';

/** The worker process: queue processors, outbox relay and schedulers; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(), ...CONTEXT_MODULES] };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { SESSION_REPOSITORY, SessionRepository } from '@domain/identity/session.repository';
import { SessionValidator } from '@modules/identity/auth/session-validator';
import { EndSessionCommand } from './end-session.command';

@CommandHandler(EndSessionCommand)
export class EndSessionHandler implements ICommandHandler<EndSessionCommand, void> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly validator: SessionValidator,
  ) {}

  async execute({ userId, sessionId, reason }: EndSessionCommand): Promise<void> {
    await this.uow.run(async () => {
      const now = this.clock.now();
      const session = await this.sessions.findById(sessionId);
      // Someone else's session is indistinguishable from a missing one.
      if (!session || session.userId !== userId || !session.isActive(now))
        throw new NotFoundError('Session');
      session.end(reason, now);
      await this.sessions.save(session);
    });
    await this.validator.markEnded([sessionId]);
  }
}

import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { SESSION_REPOSITORY, SessionRepository } from '@domain/identity/session.repository';
import { ListSessionsQuery } from './list-sessions.query';
import { SessionListResponse } from './session.response';

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery, SessionListResponse> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ userId, currentSessionId }: ListSessionsQuery): Promise<SessionListResponse> {
    const sessions = await this.sessions.listActive(userId, this.clock.now());
    return {
      items: sessions.map((s) => {
        const p = s.snapshot();
        return {
          id: p.id,
          userAgent: p.userAgent,
          ip: p.ip,
          createdAt: p.createdAt.toISOString(),
          lastUsedAt: p.lastUsedAt.toISOString(),
          current: p.id === currentSessionId,
        };
      }),
    };
  }
}

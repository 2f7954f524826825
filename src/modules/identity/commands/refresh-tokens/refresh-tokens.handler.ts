import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UnauthenticatedError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { SESSION_REPOSITORY, SessionRepository } from '@domain/identity/session.repository';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { AppConfig } from '@infra/config/app-config';
import { SessionValidator } from '@modules/identity/auth/session-validator';
import { TokenService } from '@modules/identity/auth/token.service';
import { TokensResponse } from '@modules/identity/dto/tokens.response';
import { SessionIssuer } from '@modules/identity/session-issuer';
import { RefreshTokensCommand } from './refresh-tokens.command';

type Outcome =
  | { kind: 'rotated'; tokens: TokensResponse }
  | { kind: 'rejected' }
  | { kind: 'reused'; sessionId: string };

/**
 * Exchanges a refresh token for a new pair. Each token works once: the exchange is a
 * conditional update, so of two concurrent exchanges one wins and the other counts as reuse.
 * Reuse means the token leaked: the whole session ends, its newest token included.
 */
@CommandHandler(RefreshTokensCommand)
export class RefreshTokensHandler implements ICommandHandler<RefreshTokensCommand, TokensResponse> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tokens: TokenService,
    private readonly issuer: SessionIssuer,
    private readonly validator: SessionValidator,
    private readonly config: AppConfig,
  ) {}

  async execute({ refreshToken }: RefreshTokensCommand): Promise<TokensResponse> {
    const outcome = await this.uow.run(() => this.exchange(refreshToken));
    if (outcome.kind === 'rotated') return outcome.tokens;
    if (outcome.kind === 'reused') await this.validator.markEnded([outcome.sessionId]);
    throw new UnauthenticatedError('The refresh token is invalid, expired or already used');
  }

  private async exchange(refreshToken: string): Promise<Outcome> {
    const now = this.clock.now();
    const record = await this.sessions.findRefreshToken(
      TokenService.hashRefreshToken(refreshToken),
    );
    if (!record) return { kind: 'rejected' };
    const session = await this.sessions.findById(record.sessionId);
    if (!session) return { kind: 'rejected' };

    let decision = session.decideRefresh(record, now);
    if (
      decision.outcome === 'rotate' &&
      !(await this.sessions.markRotated(record.tokenHash, now))
    ) {
      decision = { outcome: 'revoke_session' };
    }
    if (decision.outcome === 'reject') return { kind: 'rejected' };
    if (decision.outcome === 'revoke_session') {
      session.end('refresh_reuse', now);
      await this.sessions.save(session);
      return { kind: 'reused', sessionId: session.id };
    }

    const user = await this.users.findById(session.userId);
    if (!user) return { kind: 'rejected' };
    const next = this.tokens.issueRefreshToken(now);
    session.touch(now, this.config.env.REFRESH_TOKEN_TTL_SECONDS);
    await this.sessions.save(session);
    await this.sessions.addRefreshToken({
      tokenHash: next.hash,
      sessionId: session.id,
      expiresAt: next.expiresAt,
      rotatedAt: null,
    });
    return {
      kind: 'rotated',
      tokens: this.issuer.tokenPair(user, session.id, next.token, next.expiresAt),
    };
  }
}

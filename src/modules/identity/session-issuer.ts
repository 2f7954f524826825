import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@domain/shared/clock';
import { newId } from '@domain/shared/uuid';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { Session, SessionMethod } from '@domain/identity/session.aggregate';
import { SESSION_REPOSITORY, SessionRepository } from '@domain/identity/session.repository';
import type { User } from '@domain/identity/user.aggregate';
import { AppConfig } from '@infra/config/app-config';
import { TokenService } from './auth/token.service';
import { TokensResponse } from './dto/tokens.response';
import { UserResponse } from './dto/user.response';

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

/** Starts a session for an authenticated user and issues its first token pair. */
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  async start(
    user: User,
    client: ClientInfo,
    method: SessionMethod = 'password',
  ): Promise<TokensResponse> {
    const now = this.clock.now();
    const session = Session.start({
      id: newId(now.getTime()),
      userId: user.id,
      userAgent: client.userAgent,
      ip: client.ip,
      now,
      ttlSeconds: this.config.env.REFRESH_TOKEN_TTL_SECONDS,
      method,
    });
    const refresh = this.tokens.issueRefreshToken(now);
    await this.uow.run(async () => {
      await this.sessions.save(session);
      await this.sessions.addRefreshToken({
        tokenHash: refresh.hash,
        sessionId: session.id,
        expiresAt: refresh.expiresAt,
        rotatedAt: null,
      });
    });
    return this.tokenPair(user, session.id, refresh.token, refresh.expiresAt);
  }

  tokenPair(
    user: User,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): TokensResponse {
    const access = this.tokens.signAccessToken(user.id, sessionId, user.role, this.clock.now());
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      sessionId,
      user: UserResponse.from(user),
    };
  }
}

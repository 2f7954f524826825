export type SessionEndReason = 'logout' | 'revoked' | 'password_changed' | 'refresh_reuse';

/** How the user proved who they are when the session started. */
export type SessionMethod = 'password' | 'otp';

export interface SessionProps {
  id: string;
  method: SessionMethod;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: SessionEndReason | null;
}

/** One issued refresh token, identified by the SHA-256 of its value. */
export interface RefreshTokenRecord {
  tokenHash: Buffer;
  sessionId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
}

export type RefreshDecision =
  | { outcome: 'rotate' }
  | { outcome: 'reject' }
  /** A token that was already exchanged is back: it leaked, so the whole session dies. */
  | { outcome: 'revoke_session' };

/**
 * A login session: the server-side record that refresh tokens and access tokens hang off.
 * Ending it (logout, revoke, password change, refresh reuse) ends every token it issued.
 */
export class Session {
  private constructor(private props: SessionProps) {}

  static start(input: {
    id: string;
    userId: string;
    userAgent: string | null;
    ip: string | null;
    now: Date;
    ttlSeconds: number;
    method?: SessionMethod;
  }): Session {
    return new Session({
      id: input.id,
      method: input.method ?? 'password',
      userId: input.userId,
      userAgent: input.userAgent?.slice(0, 255) ?? null,
      ip: input.ip?.slice(0, 45) ?? null,
      createdAt: input.now,
      lastUsedAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
      revokedAt: null,
      revokedReason: null,
    });
  }

  static restore(props: SessionProps): Session {
    return new Session({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get userId(): string {
    return this.props.userId;
  }
  get expiresAt(): Date {
    return this.props.expiresAt;
  }

  snapshot(): Readonly<SessionProps> {
    return { ...this.props };
  }

  /** Started by a one-time code at most `maxAgeSeconds` ago: proof of owning the phone just now. */
  isFreshOtpSignIn(now: Date, maxAgeSeconds: number): boolean {
    return (
      this.props.method === 'otp' &&
      now.getTime() - this.props.createdAt.getTime() <= maxAgeSeconds * 1000
    );
  }

  isActive(now: Date): boolean {
    return this.props.revokedAt === null && this.props.expiresAt.getTime() > now.getTime();
  }

  /** Decides what presenting `token` for this session means. Pure: callers apply it. */
  decideRefresh(token: RefreshTokenRecord, now: Date): RefreshDecision {
    if (token.sessionId !== this.props.id || !this.isActive(now)) return { outcome: 'reject' };
    if (token.rotatedAt !== null) return { outcome: 'revoke_session' };
    if (token.expiresAt.getTime() <= now.getTime()) return { outcome: 'reject' };
    return { outcome: 'rotate' };
  }

  /** Sliding expiry: each rotation extends the session to the new token's lifetime. */
  touch(now: Date, ttlSeconds: number): void {
    this.props = {
      ...this.props,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    };
  }

  end(reason: SessionEndReason, now: Date): void {
    if (this.props.revokedAt !== null) return;
    this.props = { ...this.props, revokedAt: now, revokedReason: reason };
  }
}

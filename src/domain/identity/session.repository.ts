import { RefreshTokenRecord, Session, SessionEndReason } from './session.aggregate';

export interface SessionRepository {
  findById(id: string): Promise<Session | null>;
  findRefreshToken(tokenHash: Buffer): Promise<RefreshTokenRecord | null>;
  /** Active sessions of a user, most recently used first. */
  listActive(userId: string, now: Date): Promise<Session[]>;
  save(session: Session): Promise<void>;
  addRefreshToken(token: RefreshTokenRecord): Promise<void>;
  /** Marks a token exchanged; false when another request exchanged it first. */
  markRotated(tokenHash: Buffer, now: Date): Promise<boolean>;
  /** Ends every active session of a user except `keepSessionId`; returns the ended ids. */
  endAllExcept(
    userId: string,
    keepSessionId: string | null,
    reason: SessionEndReason,
    now: Date,
  ): Promise<string[]>;
}

export const SESSION_REPOSITORY = Symbol('SessionRepository');

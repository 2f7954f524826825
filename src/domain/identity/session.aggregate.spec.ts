import { RefreshTokenRecord, Session, SessionProps } from './session.aggregate';

const T0 = new Date('2024-03-01T10:00:00.000Z');
const TTL_SECONDS = 30 * 24 * 3600;

const at = (secondsAfterStart: number): Date => new Date(T0.getTime() + secondsAfterStart * 1000);

function startSession(overrides: Partial<Parameters<typeof Session.start>[0]> = {}): Session {
  return Session.start({
    id: 'session-1',
    userId: 'user-1',
    userAgent: 'Mozilla/5.0',
    ip: '203.0.113.7',
    now: T0,
    ttlSeconds: TTL_SECONDS,
    ...overrides,
  });
}

function tokenFor(
  session: Session,
  overrides: Partial<RefreshTokenRecord> = {},
): RefreshTokenRecord {
  return {
    tokenHash: Buffer.alloc(32, 1),
    sessionId: session.id,
    expiresAt: at(TTL_SECONDS),
    rotatedAt: null,
    ...overrides,
  };
}

describe('Session', () => {
  describe('start', () => {
    it('records who, where and when, and expires after the ttl', () => {
      const s = startSession().snapshot();
      expect(s).toEqual<SessionProps>({
        id: 'session-1',
        method: 'password',
        userId: 'user-1',
        userAgent: 'Mozilla/5.0',
        ip: '203.0.113.7',
        createdAt: T0,
        lastUsedAt: T0,
        expiresAt: at(TTL_SECONDS),
        revokedAt: null,
        revokedReason: null,
      });
    });

    it('truncates the user agent to 255 characters', () => {
      const userAgent = 'u'.repeat(300);
      expect(startSession({ userAgent }).snapshot().userAgent).toBe('u'.repeat(255));
    });

    it('keeps a missing user agent and ip as null', () => {
      const s = startSession({ userAgent: null, ip: null }).snapshot();
      expect(s.userAgent).toBeNull();
      expect(s.ip).toBeNull();
    });
  });

  describe('isActive', () => {
    it('is active until it expires', () => {
      const session = startSession();
      expect(session.isActive(T0)).toBe(true);
      expect(session.isActive(at(TTL_SECONDS - 1))).toBe(true);
    });

    it('is inactive from the moment it expires', () => {
      const session = startSession();
      expect(session.isActive(at(TTL_SECONDS))).toBe(false);
      expect(session.isActive(at(TTL_SECONDS + 1))).toBe(false);
    });

    it('is inactive once ended', () => {
      const session = startSession();
      session.end('logout', at(60));
      expect(session.isActive(at(61))).toBe(false);
    });
  });

  describe('decideRefresh', () => {
    it('rotates a fresh token of an active session', () => {
      const session = startSession();
      expect(session.decideRefresh(tokenFor(session), at(60))).toEqual({ outcome: 'rotate' });
    });

    it('rejects an expired token', () => {
      const session = startSession();
      const token = tokenFor(session, { expiresAt: at(3600) });
      expect(session.decideRefresh(token, at(3600))).toEqual({ outcome: 'reject' });
      expect(session.decideRefresh(token, at(3601))).toEqual({ outcome: 'reject' });
    });

    it('rejects a token that belongs to another session', () => {
      const session = startSession();
      const token = tokenFor(session, { sessionId: 'session-2' });
      expect(session.decideRefresh(token, at(60))).toEqual({ outcome: 'reject' });
    });

    it('rejects a token of a revoked session', () => {
      const session = startSession();
      session.end('revoked', at(30));
      expect(session.decideRefresh(tokenFor(session), at(60))).toEqual({ outcome: 'reject' });
    });

    it('rejects a token of an expired session', () => {
      const session = startSession({ ttlSeconds: 3600 });
      const token = tokenFor(session, { expiresAt: at(7200) });
      expect(session.decideRefresh(token, at(3600))).toEqual({ outcome: 'reject' });
    });

    it('revokes the whole session when an already rotated token is presented again (reuse)', () => {
      const session = startSession();
      const token = tokenFor(session, { rotatedAt: at(30) });
      expect(session.decideRefresh(token, at(60))).toEqual({ outcome: 'revoke_session' });
    });

    it('is a pure decision: it does not change the session', () => {
      const session = startSession();
      const before = session.snapshot();
      session.decideRefresh(tokenFor(session, { rotatedAt: at(30) }), at(60));
      expect(session.snapshot()).toEqual(before);
    });
  });

  describe('touch', () => {
    it('slides the expiry to now + ttl and records the use', () => {
      const session = startSession();
      session.touch(at(86_400), TTL_SECONDS);
      const s = session.snapshot();
      expect(s.lastUsedAt).toEqual(at(86_400));
      expect(s.expiresAt).toEqual(at(86_400 + TTL_SECONDS));
      expect(session.expiresAt).toEqual(at(86_400 + TTL_SECONDS));
    });

    it('keeps a session alive past its original expiry', () => {
      const session = startSession({ ttlSeconds: 3600 });
      session.touch(at(3000), 3600);
      expect(session.isActive(at(4000))).toBe(true);
    });
  });

  describe('end', () => {
    it('records when and why the session ended', () => {
      const session = startSession();
      session.end('password_changed', at(120));
      const s = session.snapshot();
      expect(s.revokedAt).toEqual(at(120));
      expect(s.revokedReason).toBe('password_changed');
    });

    it('is idempotent: ending again keeps the first reason and time', () => {
      const session = startSession();
      session.end('refresh_reuse', at(120));
      session.end('logout', at(240));
      const s = session.snapshot();
      expect(s.revokedAt).toEqual(at(120));
      expect(s.revokedReason).toBe('refresh_reuse');
    });
  });

  describe('snapshot', () => {
    it('is a copy: mutating it does not change the session', () => {
      const session = startSession();
      const s = session.snapshot() as SessionProps;
      s.revokedAt = at(1);
      s.revokedReason = 'logout';
      expect(session.isActive(at(2))).toBe(true);
    });
  });

  describe('isFreshOtpSignIn', () => {
    it('holds for a one-time-code session within the window only', () => {
      const otp = startSession({ method: 'otp' });
      expect(otp.isFreshOtpSignIn(at(600), 600)).toBe(true);
      expect(otp.isFreshOtpSignIn(at(601), 600)).toBe(false);
    });

    it('never holds for a password session', () => {
      expect(startSession().snapshot().method).toBe('password');
      expect(startSession().isFreshOtpSignIn(T0, 600)).toBe(false);
    });
  });
});

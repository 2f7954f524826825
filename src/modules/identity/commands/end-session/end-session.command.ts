import type { SessionEndReason } from '@domain/identity/session.aggregate';

/** Ends one of the caller's sessions (logout: the current one; revoke: any own one). */
export class EndSessionCommand {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    readonly reason: SessionEndReason,
  ) {}
}

import { CheckInAttemptsExceededError } from './stay.errors';

/** Wrong codes in a row that lock an order's check-in. */
export const CHECK_IN_MAX_WRONG_CODES = 5;
/** The first lock; each further one doubles, up to CHECK_IN_MAX_LOCK_SECONDS. */
export const CHECK_IN_FIRST_LOCK_SECONDS = 900;
export const CHECK_IN_MAX_LOCK_SECONDS = 86_400;

export interface CheckInCredentialProps {
  orderId: string;
  /** A keyed hash of the 6-digit code (see CheckInCodes); the code itself is stored nowhere. */
  codeHash: string;
  /** Wrong codes since the last lock ended. */
  wrongCodes: number;
  /** How many times check-in was locked: each lock lasts twice as long as the one before. */
  lockouts: number;
  lockedUntil: Date | null;
}

/**
 * What the host must show to check a guest in: the hash of the code the guest was emailed,
 * and the count of wrong guesses. Five wrong codes lock check-in for 15 minutes, the next five
 * for 30, and so on up to a day: a host guessing the guest's code gets a few dozen tries over a
 * whole stay, out of a million codes.
 */
export class CheckInCredential {
  private constructor(private props: CheckInCredentialProps) {}

  static issue(orderId: string, codeHash: string): CheckInCredential {
    return new CheckInCredential({
      orderId,
      codeHash,
      wrongCodes: 0,
      lockouts: 0,
      lockedUntil: null,
    });
  }

  static restore(props: CheckInCredentialProps): CheckInCredential {
    return new CheckInCredential({ ...props });
  }

  get codeHash(): string {
    return this.props.codeHash;
  }

  snapshot(): Readonly<CheckInCredentialProps> {
    return { ...this.props };
  }

  /** Throws CHECK_IN_ATTEMPTS_EXCEEDED (with the seconds left) while check-in is locked. */
  assertOpen(now: Date): void {
    const until = this.props.lockedUntil;
    if (until && now.getTime() < until.getTime())
      throw new CheckInAttemptsExceededError((until.getTime() - now.getTime()) / 1000);
  }

  /** Counts a wrong code; returns the attempts left before the lock (0: it is locked now). */
  recordWrongCode(now: Date): number {
    this.assertOpen(now);
    const lockEnded = this.props.lockedUntil !== null;
    const wrongCodes = (lockEnded ? 0 : this.props.wrongCodes) + 1;
    if (wrongCodes < CHECK_IN_MAX_WRONG_CODES) {
      this.props = { ...this.props, wrongCodes, lockedUntil: null };
      return CHECK_IN_MAX_WRONG_CODES - wrongCodes;
    }
    const lockouts = this.props.lockouts + 1;
    const seconds = Math.min(
      CHECK_IN_FIRST_LOCK_SECONDS * 2 ** Math.min(lockouts - 1, 20),
      CHECK_IN_MAX_LOCK_SECONDS,
    );
    this.props = {
      ...this.props,
      wrongCodes,
      lockouts,
      lockedUntil: new Date(now.getTime() + seconds * 1000),
    };
    return 0;
  }
}

/**
 * One verification link: the SHA-256 of its random token, bound to the user AND the address it
 * was sent to, so a link for an old address can't verify a new one.
 */
export interface EmailVerificationTokenProps {
  tokenHash: Buffer;
  userId: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export class EmailVerificationToken {
  private constructor(readonly props: Readonly<EmailVerificationTokenProps>) {}

  static issue(input: {
    tokenHash: Buffer;
    userId: string;
    email: string;
    now: Date;
    ttlSeconds: number;
  }): EmailVerificationToken {
    return new EmailVerificationToken({
      tokenHash: input.tokenHash,
      userId: input.userId,
      email: input.email,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
      usedAt: null,
    });
  }

  static restore(props: EmailVerificationTokenProps): EmailVerificationToken {
    return new EmailVerificationToken({ ...props });
  }

  /** Unused, unexpired, and still for the user's current address. */
  canVerify(currentEmail: string | null, now: Date): boolean {
    return (
      this.props.usedAt === null &&
      this.props.expiresAt.getTime() > now.getTime() &&
      currentEmail !== null &&
      currentEmail === this.props.email
    );
  }
}

export interface EmailVerificationTokenRepository {
  add(token: EmailVerificationToken): Promise<void>;
  findByHash(tokenHash: Buffer): Promise<EmailVerificationToken | null>;
  /** Marks it used unless another request did first (single use under concurrency). */
  markUsed(tokenHash: Buffer, now: Date): Promise<boolean>;
  /** Retires every other unused link of the user once the address is verified. */
  retireAllFor(userId: string, now: Date): Promise<void>;
}

export const EMAIL_VERIFICATION_TOKEN_REPOSITORY = Symbol('EmailVerificationTokenRepository');

export type EmailVerificationSendReservation =
  { reserved: true } | { reserved: false; retryAfterSeconds: number };

/**
 * Counts the verification emails sent to a user, shared by every instance. Throws
 * DependencyUnavailableError when the store is unreachable.
 */
export interface EmailVerificationSendCounter {
  /**
   * One atomic step: refused while the previous send is less than `resendSeconds` old or
   * `maxPerHour` were sent in the hour since the first of them; else the send is counted.
   */
  reserve(
    userId: string,
    resendSeconds: number,
    maxPerHour: number,
  ): Promise<EmailVerificationSendReservation>;
}

export const EMAIL_VERIFICATION_SEND_COUNTER = Symbol('EmailVerificationSendCounter');

import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  EMAIL_VERIFICATION_TOKEN_REPOSITORY,
  EmailVerificationToken,
  EmailVerificationTokenRepository,
} from '@domain/identity/email-verification';
import {
  EMAIL_VERIFICATION_REQUESTED,
  EmailVerificationRequestedPayload,
} from '@domain/identity/events/email-verification-requested.event';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { MAILER, Mailer } from '@domain/shared/mailer.port';
import { AppConfig } from '@infra/config/app-config';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/**
 * Creates the verification token and mails the link. The token is born here, so it exists only
 * in the mail; the database keeps its SHA-256. The token row and the dedupe mark commit
 * together after the mail was handed over: a failed send rolls the row back and the queue
 * retries. (If the commit itself fails after the send, the retry mails a fresh link and the
 * first one never works: one extra mail, never a lost one.)
 */
@Injectable()
@EventSubscriber({ name: 'identity.send-verification-email', on: [EMAIL_VERIFICATION_REQUESTED] })
export class SendVerificationEmailSubscriber implements DomainEventHandler {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(EMAIL_VERIFICATION_TOKEN_REPOSITORY)
    private readonly tokens: EmailVerificationTokenRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const { userId, email } = event.payload as unknown as EmailVerificationRequestedPayload;
    const user = await this.users.findById(userId);
    // Stale request: the address changed or was verified meanwhile; nothing to prove.
    if (!user || user.email !== email || user.emailVerified) return;

    const token = randomBytes(32).toString('base64url');
    const ttl = this.config.env.EMAIL_VERIFICATION_TTL_SECONDS;
    await this.tokens.add(
      EmailVerificationToken.issue({
        tokenHash: createHash('sha256').update(token, 'utf8').digest(),
        userId,
        email,
        now: this.clock.now(),
        ttlSeconds: ttl,
      }),
    );
    const link = `${this.config.env.PUBLIC_URL.replace(/\/+$/, '')}/verify-email?token=${token}`;
    await this.mailer.send({
      to: email,
      subject: 'Confirm your email address for Atrium',
      text:
        // No user-chosen text (fullName, nickname, username) goes into mail: anyone can register
        // with someone else's address, and a name like "Visit http://evil.example/reset now"
        // would read as our instruction, or render as a link.
        `Hello,\n\n` +
        `please confirm that ${email} is your email address by opening this link:\n\n${link}\n\n` +
        `The link works once and expires in ${describeDuration(ttl)}. If you did not sign up for Atrium, ignore this email.\n`,
    });
  }
}

function describeDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

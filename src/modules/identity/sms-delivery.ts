import { Inject, Injectable, Logger } from '@nestjs/common';
import { smsDeferred } from '@domain/identity/events/sms-deferred.event';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { SECRET_SEALER, SecretSealer } from '@domain/shared/secret-sealer.port';
import {
  SMS_SENDER,
  SmsMessage,
  SmsSender,
  SmsUnavailableError,
} from '@domain/shared/sms-sender.port';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';

/**
 * "Sync to async": an SMS goes out within the request through the provider chain; when no
 * provider can take it, it is written to the outbox and a subscriber retries it later
 * (DeliverDeferredSmsSubscriber). Either way it is never silently dropped. The deferred text
 * is sealed: it holds a one-time code, and outbox rows and queue jobs are visible to operators.
 */
@Injectable()
export class SmsDelivery {
  private readonly logger = new Logger(SmsDelivery.name);

  constructor(
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
  ) {}

  /** Resolves with the provider's name, or `deferred`. */
  async sendOrDefer(message: SmsMessage, expiresAt: Date | null): Promise<string> {
    try {
      return (await this.sms.send(message)).provider;
    } catch (err) {
      if (!(err instanceof SmsUnavailableError)) throw err;
      this.logger.warn(
        { reasons: err.reasons },
        'no SMS provider available; message deferred to the outbox',
      );
      const sealed = this.sealer.seal(message.text);
      const event = smsDeferred(message.to, sealed, expiresAt, this.clock.now());
      await this.uow.run(() => this.outbox.append(event));
      return 'deferred';
    }
  }
}

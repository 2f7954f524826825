import { Inject, Injectable, Logger } from '@nestjs/common';
import { SMS_DEFERRED, SmsDeferredPayload } from '@domain/identity/events/sms-deferred.event';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { SECRET_SEALER, SecretSealer } from '@domain/shared/secret-sealer.port';
import { SMS_SENDER, SmsSender } from '@domain/shared/sms-sender.port';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/**
 * Sends an SMS that no provider could take during the request. A failure throws, so the
 * queue retries it (attempts with exponential backoff, then the dead-letter queue). A text
 * past its expiry (a dead one-time code) is dropped with a warning instead of confusing
 * the recipient.
 */
@Injectable()
@EventSubscriber({ name: 'identity.deliver-deferred-sms', on: [SMS_DEFERRED] })
export class DeliverDeferredSmsSubscriber implements DomainEventHandler {
  private readonly logger = new Logger(DeliverDeferredSmsSubscriber.name);

  constructor(
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const { to, sealedText, expiresAt } = event.payload as unknown as SmsDeferredPayload;
    if (expiresAt !== null && new Date(expiresAt).getTime() <= this.clock.now().getTime()) {
      this.logger.warn(
        { eventId: event.id, expiresAt },
        'deferred SMS expired before any provider took it; not sent',
      );
      return;
    }
    const { provider } = await this.sms.send({ to, text: this.sealer.open(sealedText) });
    this.logger.log({ eventId: event.id, provider }, 'deferred SMS sent');
  }
}

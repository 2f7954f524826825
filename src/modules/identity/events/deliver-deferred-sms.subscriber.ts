import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  SMS_DEFERRED,
  SmsDeferredPayload,
} from '../../../domain/identity/events/sms-deferred.event';
import { CLOCK, Clock } from '../../../domain/shared/clock';
import {
  DomainEvent,
  EVENT_SUBSCRIPTIONS,
  EventSubscriber,
  EventSubscriptions,
} from '../../../domain/shared/domain-event';
import { SECRET_SEALER, SecretSealer } from '../../../domain/shared/secret-sealer.port';
import { SMS_SENDER, SmsSender } from '../../../domain/shared/sms-sender.port';

/**
 * Sends an SMS that no provider could take during the request. A failure throws, so the
 * queue retries it (attempts with exponential backoff, then the dead-letter queue). A text
 * past its expiry (a dead one-time code) is dropped with a warning instead of confusing
 * the recipient.
 */
@Injectable()
export class DeliverDeferredSmsSubscriber implements EventSubscriber, OnModuleInit {
  readonly name = 'identity.deliver-deferred-sms';
  readonly eventTypes = [SMS_DEFERRED];
  private readonly logger = new Logger(DeliverDeferredSmsSubscriber.name);

  constructor(
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscriptions,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this);
  }

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

import { randomInt } from 'node:crypto';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { AppConfig } from '@infra/config/app-config';
import { SANDBOX_WEBHOOKS_QUEUE } from '@infra/queue/queue-names';
import type { SandboxEventBody } from './sandbox-event';
import { SIGNATURE_HEADER, signatureHeader } from './sandbox-signature';
import { sandboxWebhookUrl, webhookSecret } from './sandbox-urls';

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The sandbox's webhook sender, at least once: each event is one Bull job (job id = event id,
 * so scheduling it twice queues it once) retried with exponential back-off until Atrium answers
 * 2xx or SANDBOX_WEBHOOK_ATTEMPTS run out. Every attempt is signed afresh, so a late retry
 * still carries a current `t`. Only processes with WORKERS_ENABLED=true deliver.
 */
@Injectable()
export class SandboxWebhookDelivery implements OnApplicationBootstrap {
  private readonly logger = new Logger(SandboxWebhookDelivery.name);

  constructor(
    @InjectQueue(SANDBOX_WEBHOOKS_QUEUE) private readonly queue: Queue<SandboxEventBody>,
    private readonly config: AppConfig,
  ) {
    queue.on('error', (err: Error) => this.logger.debug(`queue ${queue.name}: ${err.message}`));
  }

  onApplicationBootstrap(): void {
    const env = this.config.env;
    if (!env.WORKERS_ENABLED || env.PAYMENT_PROVIDER !== 'sandbox') return;
    void this.queue.process(env.QUEUE_CONCURRENCY, (job: Job<SandboxEventBody>) =>
      this.deliver(job.data),
    );
  }

  /**
   * Queues the event's delivery. In chaos mode (SANDBOX_WEBHOOK_CHAOS) as one to three copies,
   * each delayed at random: duplicated, late and reordered deliveries, which Atrium must apply
   * exactly once. Copy ids are fixed per event too, so scheduling again adds nothing.
   */
  async schedule(event: SandboxEventBody): Promise<void> {
    const env = this.config.env;
    const options = {
      attempts: env.SANDBOX_WEBHOOK_ATTEMPTS,
      backoff: { type: 'exponential', delay: env.SANDBOX_WEBHOOK_BACKOFF_MS },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    };
    if (!env.SANDBOX_WEBHOOK_CHAOS) {
      await this.queue.add(event, { ...options, jobId: event.id });
      return;
    }
    const copies = randomInt(1, 4);
    for (let copy = 0; copy < copies; copy++) {
      await this.queue.add(event, {
        ...options,
        jobId: `${event.id}#${copy}`,
        delay: randomInt(0, env.SANDBOX_WEBHOOK_CHAOS_MAX_DELAY_MS + 1),
      });
    }
  }

  /** One attempt: throws (a retry) unless the webhook answers 2xx. */
  async deliver(event: SandboxEventBody): Promise<void> {
    const body = JSON.stringify(event);
    const signature = signatureHeader(
      webhookSecret(this.config),
      body,
      Math.floor(Date.now() / 1000),
    );
    const response = await fetch(sandboxWebhookUrl(this.config.env.PUBLIC_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook ${event.id} answered ${response.status}`);
  }
}

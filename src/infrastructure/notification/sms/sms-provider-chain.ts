import CircuitBreaker from 'opossum';
import { SmsMessage, SmsSender, SmsUnavailableError } from '@domain/shared/sms-sender.port';
import { SmsProvider } from './sms-provider';
import { TokenBucket } from './token-bucket';
import { inSpan } from '../../observability/tracing';

export interface BreakerSettings {
  /** Opens when MORE than this share (%) of the calls in the window failed ... */
  errorThresholdPercentage: number;
  /** ... once the window holds at least this many calls. */
  volumeThreshold: number;
  /** The rolling window, ms. */
  rollingCountTimeout: number;
  /** Open → half-open (one trial call) after this long, ms. */
  resetTimeout: number;
}

export interface ChainEntry {
  provider: SmsProvider;
  /** Client-side limit in this process; null = unlimited. */
  ratePerSecond: number | null;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface ChainEvents {
  onStateChange?(provider: string, state: BreakerState): void;
  onFailover?(provider: string, reason: string): void;
}

interface Link {
  name: string;
  bucket: TokenBucket | null;
  breaker: CircuitBreaker<[SmsMessage], void>;
}

/**
 * Tries the providers in order and returns at the first that accepts the message. A provider
 * is skipped without a call while its circuit is open or it is over its rate limit, and left
 * for the next one when it fails or times out (its own per-call timeout). When every provider
 * is out, SmsUnavailableError says why; nothing was sent and the caller may defer the message.
 */
export class SmsProviderChain implements SmsSender {
  private readonly links: Link[];

  constructor(
    entries: ChainEntry[],
    settings: BreakerSettings,
    private readonly events: ChainEvents = {},
  ) {
    if (entries.length === 0) throw new Error('At least one SMS provider is required');
    this.links = entries.map(({ provider, ratePerSecond }) => {
      const breaker = new CircuitBreaker((message: SmsMessage) => provider.send(message), {
        name: provider.name,
        // Providers time out their own calls (and abort them); opossum's timer would only
        // abandon a call that keeps running.
        timeout: false,
        errorThresholdPercentage: settings.errorThresholdPercentage,
        volumeThreshold: settings.volumeThreshold,
        rollingCountTimeout: settings.rollingCountTimeout,
        resetTimeout: settings.resetTimeout,
        enableSnapshots: false,
      });
      breaker.on('open', () => this.events.onStateChange?.(provider.name, 'open'));
      breaker.on('halfOpen', () => this.events.onStateChange?.(provider.name, 'halfOpen'));
      breaker.on('close', () => this.events.onStateChange?.(provider.name, 'closed'));
      return {
        name: provider.name,
        bucket: ratePerSecond ? new TokenBucket(ratePerSecond) : null,
        breaker,
      };
    });
  }

  get providers(): string[] {
    return this.links.map((l) => l.name);
  }

  state(provider: string): BreakerState {
    const link = this.links.find((l) => l.name === provider);
    if (!link) throw new Error(`Unknown SMS provider ${provider}`);
    if (link.breaker.opened) return 'open';
    return link.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  send(message: SmsMessage): Promise<{ provider: string }> {
    // No number and no text on the span: the provider that took it and how many were tried.
    return inSpan('sms send', {}, async (span) => {
      const reasons: string[] = [];
      for (const link of this.links) {
        const reason = await this.attempt(link, message);
        if (reason === null) {
          span?.setAttributes({
            'atrium.sms.provider': link.name,
            'atrium.sms.failovers': reasons.length,
          });
          return { provider: link.name };
        }
        reasons.push(`${link.name}: ${reason}`);
        this.events.onFailover?.(link.name, reason);
      }
      throw new SmsUnavailableError(reasons);
    });
  }

  /** Releases the breakers' timers. */
  shutdown(): void {
    for (const link of this.links) link.breaker.shutdown();
  }

  /** null when the provider took the message, else why not. */
  private async attempt(link: Link, message: SmsMessage): Promise<string | null> {
    // Checked before taking a token, so an open circuit doesn't use up the rate budget.
    if (link.breaker.opened) return 'circuit open';
    if (link.bucket && !link.bucket.tryTake()) return 'rate limited';
    try {
      await link.breaker.fire(message);
      return null;
    } catch (err) {
      const e = err as { code?: string; name?: string; message?: string };
      // Half-open lets exactly one trial call through; concurrent callers are rejected here.
      if (e.code === 'EOPENBREAKER') return 'circuit open';
      if (e.name === 'TimeoutError') return 'timed out';
      return e.message ?? 'failed';
    }
  }
}

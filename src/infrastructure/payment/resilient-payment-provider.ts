import CircuitBreaker from 'opossum';
import {
  CreateProviderPayment,
  PaymentProvider,
  ProviderEvent,
  ProviderPayment,
  ProviderRefund,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { DependencyUnavailableError, DomainError } from '@domain/shared/domain-error';
import { ProviderCallError } from './provider-call-error';

export interface ResilienceSettings {
  /** One attempt's timeout, ms. */
  timeoutMs: number;
  /** Retries after the first attempt, for transient failures only. */
  retries: number;
  /** The first retry's delay, ms; each further one waits twice as long, plus up to 50 % jitter. */
  backoffMs: number;
  /** Opens when at least this share (%) of the calls in the window failed ... */
  errorThresholdPercentage: number;
  /** ... once the window holds at least this many calls. */
  volumeThreshold: number;
  /** The rolling window, ms. */
  rollingCountTimeout: number;
  /** Open → half-open (one trial call) after this long, ms. */
  resetTimeout: number;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface ResilienceEvents {
  onStateChange?(provider: string, state: BreakerState): void;
  onRetry?(provider: string, operation: string, attempt: number, reason: string): void;
  /** The call is given up (the caller gets 503): why, for the logs (never for the client). */
  onUnavailable?(provider: string, operation: string, reason: string): void;
}

/** The provider is out (circuit open, timed out, down): 503 DEPENDENCY_UNAVAILABLE, Retry-After. */
export class PaymentProviderUnavailableError extends DependencyUnavailableError {
  override readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type Operation = () => Promise<unknown>;

/**
 * Every call to the provider (createPayment; the adapter's other calls through `run`) goes
 * through one opossum circuit breaker, with a per-attempt timeout and retries with exponential
 * back-off. Only transient failures are retried (a timeout, a network error, a 5xx or 429:
 * ProviderCallError.transient, or any non-domain error), and it is safe because every
 * operation run here is idempotent at the provider: create carries the payment id and refund
 * its own key as idempotency keys, a report only reads. A refused request (4xx) is not
 * retried. When the circuit is open, every attempt failed, or the provider refused, the
 * caller gets PaymentProviderUnavailableError (503 with Retry-After) and records nothing.
 * Webhook verification is local and passes straight through.
 */
export class ResilientPaymentProvider<
  P extends PaymentProvider = PaymentProvider,
> implements PaymentProvider {
  readonly name: PaymentProvider['name'];
  private readonly breaker: CircuitBreaker<[Operation], unknown>;

  constructor(
    readonly inner: P,
    private readonly settings: ResilienceSettings,
    private readonly events: ResilienceEvents = {},
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.name = inner.name;
    const label = inner.name ?? 'none';
    this.breaker = new CircuitBreaker((operation: Operation) => operation(), {
      name: `payment-${label}`,
      // The adapter's own request timeout aborts the request (the Stripe SDK's `timeout`);
      // this one bounds any provider, and counts as a failure.
      timeout: settings.timeoutMs,
      errorThresholdPercentage: settings.errorThresholdPercentage,
      volumeThreshold: settings.volumeThreshold,
      rollingCountTimeout: settings.rollingCountTimeout,
      resetTimeout: settings.resetTimeout,
      enableSnapshots: false,
      // A domain error (e.g. validation) is the caller's fault, not the provider's health.
      errorFilter: (err: unknown) => err instanceof DomainError,
    });
    this.breaker.on('open', () => this.events.onStateChange?.(label, 'open'));
    this.breaker.on('halfOpen', () => this.events.onStateChange?.(label, 'halfOpen'));
    this.breaker.on('close', () => this.events.onStateChange?.(label, 'closed'));
  }

  get state(): BreakerState {
    if (this.breaker.opened) return 'open';
    return this.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  createPayment(request: CreateProviderPayment): Promise<ProviderPayment> {
    return this.run('createPayment', () => this.inner.createPayment(request));
  }

  refund(request: ProviderRefund): Promise<void> {
    return this.run('refund', () => this.inner.refund(request));
  }

  settlementReport(date: string): Promise<ProviderSettlement[]> {
    return this.run('settlementReport', () => this.inner.settlementReport(date));
  }

  parseWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent {
    return this.inner.parseWebhook(rawBody, headers);
  }

  /** Runs one idempotent provider operation with the timeout, retries and the breaker. */
  async run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const label = this.name ?? 'none';
    for (let attempt = 0; ; attempt++) {
      if (this.breaker.opened) throw this.unavailable(operation, 'circuit open');
      try {
        return (await this.breaker.fire(fn)) as T;
      } catch (err) {
        if (err instanceof DomainError) throw err;
        const e = err as { code?: string; message?: string };
        // Half-open lets exactly one trial call through; concurrent callers are rejected here.
        if (e.code === 'EOPENBREAKER') throw this.unavailable(operation, 'circuit open');
        const reason =
          e.code === 'ETIMEDOUT'
            ? `timed out after ${this.settings.timeoutMs} ms`
            : (e.message ?? 'failed');
        const transient = !(err instanceof ProviderCallError) || err.transient;
        if (!transient || attempt >= this.settings.retries)
          throw this.unavailable(operation, reason);
        this.events.onRetry?.(label, operation, attempt + 1, reason);
        const base = this.settings.backoffMs * 2 ** attempt;
        await this.sleep(base + Math.floor(Math.random() * base * 0.5));
      }
    }
  }

  /** Releases the breaker's timers. */
  shutdown(): void {
    this.breaker.shutdown();
  }

  private unavailable(operation: string, reason: string): PaymentProviderUnavailableError {
    this.events.onUnavailable?.(this.name ?? 'none', operation, reason);
    const open = this.breaker.opened;
    const retryAfter = open ? Math.max(1, Math.ceil(this.settings.resetTimeout / 1000)) : 5;
    return new PaymentProviderUnavailableError(
      open
        ? 'The payment provider is unavailable (circuit open); retry later'
        : 'The payment provider did not answer; retry later',
      retryAfter,
    );
  }
}

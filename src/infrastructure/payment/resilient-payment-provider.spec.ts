import {
  CreateProviderPayment,
  PaymentProvider,
  ProviderPayment,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { DependencyUnavailableError, ValidationError } from '@domain/shared/domain-error';
import { ProviderCallError } from './provider-call-error';
import {
  BreakerState,
  ResilienceSettings,
  ResilientPaymentProvider,
} from './resilient-payment-provider';

type Behaviour = 'ok' | 'hang' | 'transient' | 'refused' | 'invalid';

/** A provider that answers each call as the next behaviour in its script says ('ok' after). */
class FakeProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  calls: string[] = [];
  constructor(public script: Behaviour[] = []) {}

  refund(): Promise<void> {
    return Promise.resolve();
  }

  settlementReport(): Promise<ProviderSettlement[]> {
    return Promise.resolve([]);
  }

  createPayment(request: CreateProviderPayment): Promise<ProviderPayment> {
    this.calls.push(request.paymentId);
    const behaviour = this.script.shift() ?? 'ok';
    switch (behaviour) {
      case 'hang':
        return new Promise(() => undefined);
      case 'transient':
        return Promise.reject(new ProviderCallError('503 from provider', true));
      case 'refused':
        return Promise.reject(new ProviderCallError('401 bad key', false));
      case 'invalid':
        return Promise.reject(new ValidationError('amount', 'too large'));
      default:
        return Promise.resolve({
          providerRef: `ref_${request.paymentId}`,
          checkoutUrl: 'https://x',
        });
    }
  }

  parseWebhook(): never {
    throw new Error('not used');
  }
}

const SETTINGS: ResilienceSettings = {
  timeoutMs: 50,
  retries: 2,
  backoffMs: 10,
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  rollingCountTimeout: 10_000,
  resetTimeout: 200,
};

const request = (paymentId: string): CreateProviderPayment => ({
  paymentId,
  amount: 100,
  currency: 'USD',
  description: 'test',
});

describe('ResilientPaymentProvider', () => {
  let resilient: ResilientPaymentProvider<FakeProvider>;
  let states: BreakerState[];
  let sleeps: number[];
  let reasons: string[];

  function make(script: Behaviour[], settings: Partial<ResilienceSettings> = {}) {
    states = [];
    sleeps = [];
    reasons = [];
    resilient = new ResilientPaymentProvider(
      new FakeProvider(script),
      { ...SETTINGS, ...settings },
      {
        onStateChange: (_p, s) => states.push(s),
        onUnavailable: (_p, operation, reason) => reasons.push(`${operation}: ${reason}`),
      },
      (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    );
    return resilient;
  }

  afterEach(() => resilient?.shutdown());

  it('passes a successful call through, once', async () => {
    const p = make([]);
    await expect(p.createPayment(request('a'))).resolves.toEqual({
      providerRef: 'ref_a',
      checkoutUrl: 'https://x',
    });
    expect(p.inner.calls).toEqual(['a']);
    expect(p.name).toBe('sandbox');
  });

  it('retries transient failures with exponential back-off, with the same request (its idempotency key), then succeeds', async () => {
    const p = make(['transient', 'transient']);
    await expect(p.createPayment(request('a'))).resolves.toMatchObject({ providerRef: 'ref_a' });
    expect(p.inner.calls).toEqual(['a', 'a', 'a']);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(10);
    expect(sleeps[0]).toBeLessThan(15);
    expect(sleeps[1]).toBeGreaterThanOrEqual(20);
    expect(sleeps[1]).toBeLessThan(30);
  });

  it('times out a hanging call, retries it, and answers 503 with Retry-After once every attempt timed out', async () => {
    const p = make(['hang', 'hang', 'hang'], { volumeThreshold: 100 });
    const started = Date.now();
    const err = await p.createPayment(request('a')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DependencyUnavailableError);
    expect((err as DependencyUnavailableError).code).toBe('DEPENDENCY_UNAVAILABLE');
    expect((err as Error).message).toBe('The payment provider did not answer; retry later');
    expect(reasons).toEqual(['createPayment: timed out after 50 ms']);
    expect((err as DependencyUnavailableError).retryAfterSeconds).toBe(5);
    expect(p.inner.calls).toHaveLength(3);
    // Three attempts of 50 ms each (the back-off sleeps are stubbed); timers may round down by 1 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('a timed-out attempt followed by a success succeeds', async () => {
    const p = make(['hang']);
    await expect(p.createPayment(request('a'))).resolves.toMatchObject({ providerRef: 'ref_a' });
    expect(p.inner.calls).toHaveLength(2);
  });

  it('does not retry a refused request (4xx) nor a domain error', async () => {
    const p = make(['refused', 'invalid'], { volumeThreshold: 100 });
    await expect(p.createPayment(request('a'))).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(p.inner.calls).toEqual(['a']);
    await expect(p.createPayment(request('b'))).rejects.toBeInstanceOf(ValidationError);
    expect(p.inner.calls).toEqual(['a', 'b']);
  });

  it('opens after failures (no call while open, Retry-After = reset time), half-opens after the reset time, closes on a successful trial', async () => {
    const p = make(['transient', 'transient', 'transient'], { retries: 0, resetTimeout: 1000 });
    for (const id of ['a', 'b', 'c'])
      await expect(p.createPayment(request(id))).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(p.state).toBe('open');
    expect(states).toEqual(['open']);

    const err = await p.createPayment(request('d')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DependencyUnavailableError);
    expect((err as Error).message).toMatch(/circuit open/);
    expect(reasons.at(-1)).toBe('createPayment: circuit open');
    expect((err as DependencyUnavailableError).retryAfterSeconds).toBe(1);
    expect(p.inner.calls).toEqual(['a', 'b', 'c']);

    await waitFor(() => p.state === 'halfOpen', 3000);
    expect(states).toEqual(['open', 'halfOpen']);
    await expect(p.createPayment(request('e'))).resolves.toMatchObject({ providerRef: 'ref_e' });
    expect(p.state).toBe('closed');
    expect(states).toEqual(['open', 'halfOpen', 'closed']);
  });

  it('a failed half-open trial opens the circuit again', async () => {
    const p = make(['transient', 'transient', 'transient', 'transient'], {
      retries: 0,
      resetTimeout: 100,
    });
    for (const id of ['a', 'b', 'c']) await p.createPayment(request(id)).catch(() => undefined);
    await waitFor(() => p.state === 'halfOpen', 3000);
    await expect(p.createPayment(request('d'))).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(p.state).toBe('open');
    expect(states).toEqual(['open', 'halfOpen', 'open']);
  });
});

/** Polls a condition (the breaker's reset timer is opossum's own). */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { SmsMessage, SmsUnavailableError } from '@domain/shared/sms-sender.port';
import { BreakerSettings, SmsProviderChain } from './sms-provider-chain';
import { SmsProvider } from './sms-provider';

/** An in-memory provider whose outcome the test flips. */
class ScriptedProvider implements SmsProvider {
  calls = 0;
  failing = false;
  pending: Array<() => void> = [];
  hold = false;

  constructor(readonly name: string) {}

  async send(_message: SmsMessage): Promise<void> {
    this.calls += 1;
    if (this.hold) await new Promise<void>((resolve) => this.pending.push(resolve));
    if (this.failing) throw new Error(`${this.name} is down`);
  }
}

const MSG: SmsMessage = { to: '+14155550123', text: 'code 123456' };
const SETTINGS: BreakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 2,
  rollingCountTimeout: 10_000,
  resetTimeout: 100,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SmsProviderChain', () => {
  let chain: SmsProviderChain;
  let a: ScriptedProvider;
  let b: ScriptedProvider;
  let transitions: string[];

  function build(rateA: number | null = null): void {
    a = new ScriptedProvider('a');
    b = new ScriptedProvider('b');
    transitions = [];
    chain = new SmsProviderChain(
      [
        { provider: a, ratePerSecond: rateA },
        { provider: b, ratePerSecond: null },
      ],
      SETTINGS,
      { onStateChange: (p, s) => transitions.push(`${p}:${s}`) },
    );
  }

  beforeEach(() => build());
  afterEach(() => chain.shutdown());

  it('uses the first provider while it works', async () => {
    await expect(chain.send(MSG)).resolves.toEqual({ provider: 'a' });
    expect([a.calls, b.calls]).toEqual([1, 0]);
  });

  it('fails over to the next provider when one fails', async () => {
    a.failing = true;
    await expect(chain.send(MSG)).resolves.toEqual({ provider: 'b' });
    expect([a.calls, b.calls]).toEqual([1, 1]);
  });

  it('opens a failing provider’s circuit and then skips it without calling it', async () => {
    a.failing = true;
    await chain.send(MSG);
    expect(chain.state('a')).toBe('closed'); // below the volume threshold
    await chain.send(MSG);
    expect(chain.state('a')).toBe('open');
    await expect(chain.send(MSG)).resolves.toEqual({ provider: 'b' });
    expect(a.calls).toBe(2);
    expect(transitions).toEqual(['a:open']);
  });

  it('half-opens after the reset timeout; a successful trial closes the circuit', async () => {
    a.failing = true;
    await chain.send(MSG);
    await chain.send(MSG);
    a.failing = false;
    await sleep(SETTINGS.resetTimeout + 50);
    expect(chain.state('a')).toBe('halfOpen');
    await expect(chain.send(MSG)).resolves.toEqual({ provider: 'a' });
    expect(chain.state('a')).toBe('closed');
    expect(transitions).toEqual(['a:open', 'a:halfOpen', 'a:closed']);
  });

  it('a failed half-open trial opens the circuit again', async () => {
    a.failing = true;
    await chain.send(MSG);
    await chain.send(MSG);
    await sleep(SETTINGS.resetTimeout + 50);
    await expect(chain.send(MSG)).resolves.toEqual({ provider: 'b' });
    expect(chain.state('a')).toBe('open');
    expect(a.calls).toBe(3);
  });

  it('half-open lets exactly one trial through; concurrent sends go to the next provider', async () => {
    a.failing = true;
    await chain.send(MSG);
    await chain.send(MSG);
    a.failing = false;
    await sleep(SETTINGS.resetTimeout + 50);
    a.hold = true;
    const trial = chain.send(MSG);
    await sleep(10);
    const others = await Promise.all([chain.send(MSG), chain.send(MSG)]);
    expect(others).toEqual([{ provider: 'b' }, { provider: 'b' }]);
    a.pending.forEach((release) => release());
    await expect(trial).resolves.toEqual({ provider: 'a' });
    expect(a.calls).toBe(3);
  });

  it('skips a provider over its rate limit without counting it as a failure', async () => {
    chain.shutdown();
    build(2);
    const results = await Promise.all([1, 2, 3, 4].map(() => chain.send(MSG)));
    expect(results.map((r) => r.provider)).toEqual(['a', 'a', 'b', 'b']);
    expect(chain.state('a')).toBe('closed');
  });

  it('throws SmsUnavailableError with every provider’s reason when none can take it', async () => {
    a.failing = true;
    b.failing = true;
    await chain.send(MSG).catch(() => undefined);
    await chain.send(MSG).catch(() => undefined);
    const err = await chain.send(MSG).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsUnavailableError);
    expect((err as SmsUnavailableError).reasons).toEqual(['a: circuit open', 'b: circuit open']);
  });

  it('reports the failure itself while the circuit is still closed', async () => {
    a.failing = true;
    b.failing = true;
    const err = (await chain.send(MSG).catch((e: unknown) => e)) as SmsUnavailableError;
    expect(err.reasons).toEqual(['a: a is down', 'b: b is down']);
  });
});

import { FakeSmsGateway } from '@test/support/fake-sms-gateway';
import { SmsUnavailableError } from '@domain/shared/sms-sender.port';
import { HttpSmsProvider, renderBody } from './http.sms-provider';
import { SmsProviderChain } from './sms-provider-chain';

/** The HTTP adapter and the chain against real local gateways (real sockets, no mocks). */

const TEMPLATE = '{"to":"{{to}}","text":"{{text}}"}';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function provider(
  name: string,
  gateway: FakeSmsGateway,
  timeoutMs = 300,
  token = '',
): HttpSmsProvider {
  return new HttpSmsProvider({ name, url: gateway.url, token, bodyTemplate: TEMPLATE, timeoutMs });
}

describe('renderBody', () => {
  it('JSON-escapes the values', () => {
    const body = renderBody('{"msisdn":"{{to}}","message":{"body":"{{text}}"}}', {
      to: '+1555',
      text: 'say "hi"\n\\ ok',
    });
    expect(JSON.parse(body)).toEqual({ msisdn: '+1555', message: { body: 'say "hi"\n\\ ok' } });
  });

  it('a template that is not JSON is refused at construction', () => {
    expect(
      () =>
        new HttpSmsProvider({
          name: 'x',
          url: 'http://127.0.0.1:1',
          token: '',
          bodyTemplate: '{to: {{to}}}',
          timeoutMs: 100,
        }),
    ).toThrow(/not valid JSON/);
  });
});

describe('HttpSmsProvider and the chain against local gateways', () => {
  let g1: FakeSmsGateway;
  let g2: FakeSmsGateway;
  let chain: SmsProviderChain | undefined;

  beforeEach(async () => {
    g1 = await FakeSmsGateway.start();
    g2 = await FakeSmsGateway.start();
  });
  afterEach(async () => {
    chain?.shutdown();
    chain = undefined;
    await Promise.all([g1.close(), g2.close()]);
  });

  function twoGateways(): SmsProviderChain {
    chain = new SmsProviderChain(
      [
        { provider: provider('http1', g1), ratePerSecond: null },
        { provider: provider('http2', g2), ratePerSecond: null },
      ],
      {
        errorThresholdPercentage: 50,
        volumeThreshold: 2,
        rollingCountTimeout: 10_000,
        resetTimeout: 400,
      },
    );
    return chain;
  }

  it('posts the rendered body with the bearer token', async () => {
    await provider('http1', g1, 1000, 's3cret').send({ to: '+14155550123', text: 'code 123456' });
    expect(g1.received).toEqual([
      expect.objectContaining({
        authorization: 'Bearer s3cret',
        body: { to: '+14155550123', text: 'code 123456' },
      }),
    ]);
  });

  it('a 500 is a failure', async () => {
    g1.mode = 'fail';
    await expect(provider('http1', g1).send({ to: '+1', text: 't' })).rejects.toThrow(
      'http1 answered HTTP 500',
    );
  });

  it('a hanging gateway times out after the configured time', async () => {
    g1.mode = 'hang';
    const started = Date.now();
    await expect(provider('http1', g1, 300).send({ to: '+1', text: 't' })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails over from a failing gateway, opens its circuit, and returns to it once it recovers', async () => {
    const sms = twoGateways();
    g1.mode = 'fail';
    expect(await sms.send({ to: '+1001', text: 'a' })).toEqual({ provider: 'http2' });
    expect(await sms.send({ to: '+1002', text: 'b' })).toEqual({ provider: 'http2' });
    expect(sms.state('http1')).toBe('open');
    expect(await sms.send({ to: '+1003', text: 'c' })).toEqual({ provider: 'http2' });
    expect(g1.to('+1003')).toHaveLength(0); // skipped while open: no request at all
    g1.mode = 'ok';
    await sleep(500);
    expect(await sms.send({ to: '+1004', text: 'd' })).toEqual({ provider: 'http1' });
    expect(sms.state('http1')).toBe('closed');
    expect(g2.delivered.map((r) => r.body.to)).toEqual(['+1001', '+1002', '+1003']);
  });

  it('fails over from a hanging gateway within its timeout', async () => {
    const sms = twoGateways();
    g1.mode = 'hang';
    const started = Date.now();
    expect(await sms.send({ to: '+2001', text: 'a' })).toEqual({ provider: 'http2' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(g1.to('+2001')).toHaveLength(1);
  });

  it('SmsUnavailableError when every gateway is down', async () => {
    const sms = twoGateways();
    g1.mode = 'fail';
    g2.mode = 'hang';
    const err = (await sms
      .send({ to: '+3001', text: 'a' })
      .catch((e: unknown) => e)) as SmsUnavailableError;
    expect(err).toBeInstanceOf(SmsUnavailableError);
    expect(err.reasons).toEqual(['http1: http1 answered HTTP 500', 'http2: timed out']);
  });
});

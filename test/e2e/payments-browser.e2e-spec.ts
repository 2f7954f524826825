import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApp, TestApp } from '../support/app';
import { adminEnv, Bank, Currency, loginAdmin } from '../support/bank';
import { eventually } from '../support/outbox';

const DRIVER = join(__dirname, '..', 'support', 'checkout-in-browser.mjs');

/**
 * The Chromium the test drives: CHROMIUM_PATH, else `chromium` on the PATH (Debian's package;
 * scripts/ensure-chromium.sh installs it in CI). Missing: the test fails saying so.
 */
function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  throw new Error(
    "No Chromium for the browser e2e test: install Debian's chromium (CI=true bash scripts/ensure-chromium.sh, or apt-get install chromium) or set CHROMIUM_PATH",
  );
}

interface BrowserRun {
  checkout: {
    httpStatus: number;
    title: string;
    merchant: string;
    amount: string;
    dataAmount: string;
    dataCurrency: string;
    buttons: string[];
  };
  result: { httpStatus: number; title: string; amount: string; status: string; message: string };
  revisit: { httpStatus: number; buttons: number; status: string };
}

interface Payment {
  id: string;
  status: string;
  amount: number;
  currency: Currency;
  checkoutUrl: string;
  failureReason: string | null;
}

/**
 * The sandbox checkout page as a person uses it: a real headless Chromium (puppeteer-core, in
 * test/support/checkout-in-browser.mjs) opens the payment's checkoutUrl, reads amount and
 * currency, clicks Pay or Decline and reads the result page; the sandbox's signed webhook then
 * settles the payment through the API.
 */
describe('Payments: the sandbox checkout page in a headless browser', () => {
  let t: TestApp;
  let bank: Bank;
  let chromium: string;
  const env = adminEnv();

  beforeAll(async () => {
    chromium = chromiumPath();
    t = await startApp({ ...env, PAYMENT_PROVIDER: 'sandbox', SANDBOX_WEBHOOK_BACKOFF_MS: '100' });
    bank = new Bank(t.http, (await loginAdmin(t.http, env)).accessToken);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function topUp(amount: number, currency: Currency) {
    const user = await bank.user();
    const account = await bank.open(user.accessToken, currency);
    const res = await t.http.post(
      '/v1/payments',
      { purpose: 'top_up', accountId: account.id, amount },
      { token: user.accessToken, headers: { 'idempotency-key': `browser-${account.id}` } },
    );
    expect(res.status).toBe(201);
    return { token: user.accessToken, accountId: account.id, payment: res.body as Payment };
  }

  async function inBrowser(url: string, action: 'pay' | 'decline'): Promise<BrowserRun> {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [DRIVER, chromium, url, action],
      {
        timeout: 45_000,
      },
    );
    return JSON.parse(stdout) as BrowserRun;
  }

  function untilStatus(token: string, id: string, status: string): Promise<Payment> {
    return eventually(
      async () => {
        const res = await t.http.get(`/v1/payments/${id}`, { token });
        return res.status === 200 && res.body.status === status ? (res.body as Payment) : undefined;
      },
      20_000,
      `payment ${id} ${status}`,
    );
  }

  it('Pay: the page shows amount and currency, Pay leads to the confirmation page, the payment succeeds and the balance grows', async () => {
    const { token, accountId, payment } = await topUp(1250, 'EUR');
    expect(payment.status).toBe('requires_action');
    expect(await bank.balance(token, accountId)).toBe(0);

    const run = await inBrowser(payment.checkoutUrl, 'pay');
    expect(run.checkout).toEqual({
      httpStatus: 200,
      title: 'Pay Atrium',
      merchant: 'Atrium',
      amount: '12.50 EUR',
      dataAmount: '1250',
      dataCurrency: 'EUR',
      buttons: ['Pay', 'Decline'],
    });
    expect(run.result).toEqual({
      httpStatus: 200,
      title: 'Payment succeeded',
      amount: '12.50 EUR',
      status: 'succeeded',
      message: expect.stringMatching(/^Payment succeeded\./),
    });
    // The page is not payable twice: a second visit shows the outcome, no buttons.
    expect(run.revisit).toEqual({ httpStatus: 200, buttons: 0, status: 'succeeded' });

    const paid = await untilStatus(token, payment.id, 'succeeded');
    expect(paid).toMatchObject({ amount: 1250, currency: 'EUR', failureReason: null });
    await eventually(
      async () => ((await bank.balance(token, accountId)) === 1250 ? true : undefined),
      10_000,
      'balance 1250',
    );
  });

  it('Decline: the page says declined, the payment fails and the balance stays 0', async () => {
    const { token, accountId, payment } = await topUp(999, 'USD');

    const run = await inBrowser(payment.checkoutUrl, 'decline');
    expect(run.checkout).toMatchObject({
      httpStatus: 200,
      amount: '9.99 USD',
      dataCurrency: 'USD',
    });
    expect(run.result).toMatchObject({
      httpStatus: 200,
      title: 'Payment declined',
      status: 'failed',
      message: expect.stringMatching(/^Payment declined\./),
    });
    expect(run.revisit).toEqual({ httpStatus: 200, buttons: 0, status: 'failed' });

    const failed = await untilStatus(token, payment.id, 'failed');
    expect(failed.failureReason).not.toBeNull();
    expect(await bank.balance(token, accountId)).toBe(0);
  });
});

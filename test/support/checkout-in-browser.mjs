// Drives the sandbox checkout page in a real headless Chromium (puppeteer-core), as a person
// would: open the checkout URL, read what the page shows, click a button, read the result page,
// and open the URL once more. Prints one JSON object on stdout.
//
//   node test/support/checkout-in-browser.mjs <chromium> <checkoutUrl> <pay|decline>
//
// A separate process because puppeteer-core is ESM-only and the e2e suites run as CommonJS under
// Jest (test/e2e/payments-browser.e2e-spec.ts).
import puppeteer from 'puppeteer-core';

const [executablePath, url, action] = process.argv.slice(2);
if (!executablePath || !url || !['pay', 'decline'].includes(action)) {
  console.error('usage: checkout-in-browser.mjs <chromium> <checkoutUrl> <pay|decline>');
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-dev-shm-usage',
    '--disable-gpu',
  ],
});
try {
  const page = await browser.newPage();
  const text = (selector) => page.$eval(selector, (el) => (el.textContent ?? '').trim());
  const attr = (selector, name) => page.$eval(selector, (el, n) => el.getAttribute(n), name);

  const opened = await page.goto(url, { waitUntil: 'domcontentloaded' });
  const checkout = {
    httpStatus: opened?.status() ?? null,
    title: await page.title(),
    merchant: await text('#merchant'),
    amount: await text('#amount'),
    dataAmount: await attr('#amount', 'data-amount'),
    dataCurrency: await attr('#amount', 'data-currency'),
    buttons: await page.$$eval('form button', (els) =>
      els.map((b) => (b.textContent ?? '').trim()),
    ),
  };

  const [submitted] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.click(action === 'pay' ? '#pay' : '#decline'),
  ]);
  const result = {
    httpStatus: submitted?.status() ?? null,
    title: await page.title(),
    amount: await text('#amount'),
    status: await attr('#status', 'data-status'),
    message: await text('#status'),
  };

  const again = await page.goto(url, { waitUntil: 'domcontentloaded' });
  const revisit = {
    httpStatus: again?.status() ?? null,
    buttons: (await page.$$('form button')).length,
    status: await attr('#status', 'data-status'),
  };
  process.stdout.write(JSON.stringify({ checkout, result, revisit }));
} finally {
  await browser.close();
}

import type { SandboxCharge } from '@infra/persistence/sandbox/sandbox-charge.mapper';

const MERCHANT = 'Atrium';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Minor units as the payer reads them: the three currencies have two decimals. */
export function formatAmount(amount: number, currency: string): string {
  const whole = Math.floor(amount / 100);
  const cents = String(amount % 100).padStart(2, '0');
  return `${whole}.${cents} ${currency}`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function summary(charge: SandboxCharge): string {
  return `<h1>Pay ${MERCHANT}</h1>
<p>Sandbox payment provider: no real money moves.</p>
<dl>
  <dt>Merchant</dt><dd id="merchant">${MERCHANT}</dd>
  <dt>Amount</dt><dd id="amount" data-amount="${charge.amount}" data-currency="${escapeHtml(charge.currency)}">${escapeHtml(formatAmount(charge.amount, charge.currency))}</dd>
  <dt>Description</dt><dd id="description">${escapeHtml(charge.description)}</dd>
</dl>`;
}

/** The checkout page: Pay or Decline, posted as a form to the same URL. */
export function checkoutPage(charge: SandboxCharge, actionUrl: string): string {
  if (charge.status !== 'pending') return resultPage(charge);
  return page(
    `Pay ${MERCHANT}`,
    `${summary(charge)}
<form method="post" action="${escapeHtml(actionUrl)}" enctype="application/x-www-form-urlencoded">
  <button type="submit" name="action" value="pay" id="pay">Pay</button>
  <button type="submit" name="action" value="decline" id="decline">Decline</button>
</form>`,
  );
}

/** After Pay or Decline (or on a second visit): the charge's outcome. */
export function resultPage(charge: SandboxCharge): string {
  const outcome =
    charge.status === 'succeeded'
      ? 'Payment succeeded'
      : charge.status === 'failed'
        ? 'Payment declined'
        : charge.status === 'refunded'
          ? 'Payment refunded'
          : 'Payment pending';
  return page(
    outcome,
    `${summary(charge)}
<p id="status" data-status="${charge.status}">${outcome}. You can close this page and return to ${MERCHANT}.</p>`,
  );
}

import { AppConfig } from '@infra/config/app-config';

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** Where the payer completes a sandbox payment. */
export function sandboxCheckoutUrl(publicUrl: string, providerRef: string): string {
  return `${base(publicUrl)}/sandbox/checkout/${encodeURIComponent(providerRef)}`;
}

/** Where the sandbox delivers its events: Atrium's webhook for this provider. */
export function sandboxWebhookUrl(publicUrl: string): string {
  return `${base(publicUrl)}/v1/payments/webhooks/sandbox`;
}

/** PAYMENT_WEBHOOK_SECRET; the schema gives it a default outside production and requires it there. */
export function webhookSecret(config: AppConfig): string {
  const secret = config.env.PAYMENT_WEBHOOK_SECRET;
  if (secret === undefined) throw new Error('PAYMENT_WEBHOOK_SECRET is not set');
  return secret;
}

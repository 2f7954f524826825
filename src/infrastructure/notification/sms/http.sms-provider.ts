import type { SmsMessage } from '@domain/shared/sms-sender.port';
import { SmsProvider } from './sms-provider';

export interface HttpSmsProviderConfig {
  name: string;
  url: string;
  /** Sent as `Authorization: Bearer <token>`; empty sends no header. */
  token: string;
  /** A JSON document with `{{to}}` / `{{text}}` placeholders inside its strings. */
  bodyTemplate: string;
  timeoutMs: number;
}

/** Fills the template with JSON-escaped values, so any text yields valid JSON. */
export function renderBody(template: string, message: SmsMessage): string {
  return template.replace(/\{\{(to|text)\}\}/g, (_, key: 'to' | 'text') =>
    JSON.stringify(message[key]).slice(1, -1),
  );
}

/**
 * A generic JSON-over-HTTPS gateway: POST the rendered template; any 2xx is accepted, anything
 * else (or no answer within the timeout) is a failure the chain fails over from.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name: string;

  constructor(private readonly config: HttpSmsProviderConfig) {
    this.name = config.name;
    try {
      JSON.parse(renderBody(config.bodyTemplate, { to: '+10000000000', text: 'a "quoted"\ntext' }));
    } catch {
      throw new Error(`SMS provider ${config.name}: the body template is not valid JSON`);
    }
  }

  async send(message: SmsMessage): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    const res = await fetch(this.config.url, {
      method: 'POST',
      headers,
      body: renderBody(this.config.bodyTemplate, message),
      // Covers connect, headers and body: a gateway that hangs costs at most this long.
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    // Drain the body so the keep-alive socket can be reused.
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${this.name} answered HTTP ${res.status}`);
  }
}

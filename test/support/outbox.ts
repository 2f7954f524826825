import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} not reached within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** The lines of `<OUTBOX_DIR>/<file>` (the file mail/SMS transports), parsed. */
export function readJsonl<T>(
  file: 'email.jsonl' | 'sms.jsonl',
  dir = process.env.OUTBOX_DIR as string,
): T[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

/** Waits for mail to `to` matching `filter`, in the run's file outbox. */
export function waitForMail(
  to: string,
  filter: (m: OutboxMail) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<OutboxMail> {
  return eventually(
    async () => readJsonl<OutboxMail>('email.jsonl').find((m) => m.to === to && filter(m)),
    timeoutMs,
    `mail to ${to}`,
  );
}

export async function unpublishedOutboxRows(db: Connection): Promise<number> {
  const [rows] = await db.query('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL');
  return Number((rows as Array<{ n: number }>)[0].n);
}

/** Reads one sample of a Prometheus text exposition (sum over series matching the labels). */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) {
      sum += Number(match[3]);
      found = true;
    }
  }
  if (!found) throw new Error(`metric ${name}${JSON.stringify(labels)} not found`);
  return sum;
}

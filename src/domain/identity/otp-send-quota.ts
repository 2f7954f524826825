import { isIP } from 'node:net';

/**
 * SMS pumping defence: who an OTP send counts against (pure functions), and the port of the
 * counters (OtpSendCounter, in Redis). The limits are applied by
 * modules/identity/commands/send-otp/otp-send-quota.ts.
 */

/** The quotas, in the order they are checked. */
export const OTP_SEND_QUOTAS = ['ip', 'prefix', 'global'] as const;
export type OtpSendQuota = (typeof OTP_SEND_QUOTAS)[number];

/** The counters one send is counted on, besides the global one. */
export interface OtpSendCounters {
  /** clientQuotaKey of the sender's IP. */
  client: string;
  /** numberPrefix of the phone number. */
  prefix: string;
}

export type OtpSendLimits = Record<OtpSendQuota, number>;

export type OtpSendReservation =
  | { reserved: true }
  /** `quota` is the first one used up (in OTP_SEND_QUOTAS order); `key` names its counter, for logs. */
  | { reserved: false; quota: OtpSendQuota; key: string; retryAfterSeconds: number };

/**
 * Hourly OTP send counters shared by every instance. Throws DependencyUnavailableError when the
 * store is unreachable.
 */
export interface OtpSendCounter {
  /**
   * One atomic step: every quota is checked before any is counted, so parallel sends can't slip
   * through and a refused send costs no quota. A counter's window is `windowSeconds` from its
   * first send.
   */
  reserve(
    counters: OtpSendCounters,
    limits: OtpSendLimits,
    windowSeconds: number,
  ): Promise<OtpSendReservation>;
  /** Gives a counted send back (it did not happen). */
  release(counters: OtpSendCounters): Promise<void>;
}

export const OTP_SEND_COUNTER = Symbol('OtpSendCounter');

/**
 * The client a send counts against: an IPv4 address as is, an IPv6 address by its /64 (one
 * subscriber gets a whole /64, so counting single addresses would be no limit at all), an
 * IPv4-mapped IPv6 address as its IPv4 address.
 */
export function clientQuotaKey(ip: string | null | undefined): string {
  const raw = (ip ?? '').trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped) return mapped[1];
  if (isIP(raw) === 4) return raw;
  if (isIP(raw) === 6) return `${expandIpv6(raw).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The number prefix a send counts against: the first `digits` digits of the E.164 number. */
export function numberPrefix(e164: string, digits: number): string {
  return e164.replace(/\D/g, '').slice(0, digits);
}

function expandIpv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0];
  // An embedded IPv4 tail (::1.2.3.4) becomes two hextets.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(withoutZone);
  let text = withoutZone;
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${withoutZone.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((h) => (parseInt(h, 16) || 0).toString(16));
}

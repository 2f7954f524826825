import type { Connection } from 'mysql2/promise';
import type { HttpClient, HttpResponse } from './app';
import { Account, Bank, Currency } from './bank';
import { uuidToBuffer } from './db';
import type { RegisteredUser } from './factories';
import { waitForMail } from './outbox';

export const HOMESTAY_KEYS = [
  'city',
  'createdAt',
  'currency',
  'description',
  'hostId',
  'id',
  'maxGuests',
  'pricePerNight',
  'title',
];
export const ORDER_KEYS = [
  'amount',
  'cancelReason',
  'cancelledAt',
  'checkIn',
  'checkOut',
  'checkedInAt',
  'createdAt',
  'currency',
  'feeTransferId',
  'guestId',
  'guests',
  'homestayId',
  'hostId',
  'id',
  'nights',
  'paidAt',
  'payBefore',
  'payoutTransferId',
  'refundTransferId',
  'refundedAt',
  'status',
  'transferId',
];

/** A calendar date `days` after today (UTC), `YYYY-MM-DD`. */
export function day(days: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface Homestay {
  id: string;
  hostId: string;
  title: string;
  description: string;
  city: string;
  pricePerNight: number;
  currency: Currency;
  maxGuests: number;
  createdAt: string;
}

export interface Order {
  id: string;
  homestayId: string;
  guestId: string;
  hostId: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
  amount: number;
  currency: Currency;
  status: 'pending_payment' | 'paid' | 'checked_in' | 'refunded' | 'no_show' | 'cancelled';
  payBefore: string;
  paidAt: string | null;
  cancelledAt: string | null;
  cancelReason: 'by_guest' | 'payment_timeout' | null;
  transferId: string | null;
  checkedInAt: string | null;
  refundedAt: string | null;
  payoutTransferId: string | null;
  feeTransferId: string | null;
  refundTransferId: string | null;
  createdAt: string;
}

export function homestayBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Loft by the river',
    description: 'Bright, quiet, two minutes from the tram',
    city: 'Lisbon',
    pricePerNight: 9_900,
    currency: 'EUR',
    maxGuests: 3,
    ...overrides,
  };
}

export interface Host {
  user: RegisteredUser;
  account: Account;
  homestay: Homestay;
}

export interface Guest {
  user: RegisteredUser;
  account: Account;
}

/** A stays client bound to one app (and its bank, for accounts and funding). */
export class Stays {
  constructor(
    readonly http: HttpClient,
    readonly bank: Bank,
  ) {}

  createHomestay(token: string, body: Record<string, unknown>): Promise<HttpResponse> {
    return this.http.post('/v1/homestays', body, { token });
  }

  /** A new user with an (empty) account in the currency and one homestay. */
  async host(overrides: Record<string, unknown> = {}): Promise<Host> {
    const body = homestayBody(overrides);
    const user = await this.bank.user();
    const account = await this.bank.open(user.accessToken, body.currency as Currency);
    const res = await this.createHomestay(user.accessToken, body);
    if (res.status !== 201) throw new Error(`create homestay failed: ${res.status} ${res.text}`);
    return { user, account, homestay: res.body };
  }

  /** A new user with a funded account in the currency. */
  async guest(currency: Currency = 'EUR', funding = 10_000_000): Promise<Guest> {
    const { user, acc } = await this.bank.userWithAccounts({ [currency]: funding });
    return { user, account: acc[currency]! };
  }

  order(token: string, body: Record<string, unknown>, key?: string): Promise<HttpResponse> {
    return this.http.post('/v1/orders', body, {
      token,
      headers: key ? { 'idempotency-key': key } : {},
    });
  }

  async placed(
    token: string,
    homestayId: string,
    checkIn: string,
    checkOut: string,
    guests = 1,
  ): Promise<Order> {
    const res = await this.order(token, { homestayId, checkIn, checkOut, guests });
    if (res.status !== 201) throw new Error(`order failed: ${res.status} ${res.text}`);
    return res.body;
  }

  pay(token: string, orderId: string, accountId: string, key?: string): Promise<HttpResponse> {
    return this.http.post(
      `/v1/orders/${orderId}/pay`,
      { accountId },
      { token, headers: key ? { 'idempotency-key': key } : {} },
    );
  }

  cancel(token: string, orderId: string): Promise<HttpResponse> {
    return this.http.post(`/v1/orders/${orderId}/cancel`, undefined, { token });
  }

  /** The host checks the guest in with their code (`body` replaces `{code}` when given). */
  checkIn(token: string, orderId: string, code: string, body?: unknown): Promise<HttpResponse> {
    return this.http.post(`/v1/orders/${orderId}/check-in`, body ?? { code }, { token });
  }

  refund(token: string, orderId: string, key?: string): Promise<HttpResponse> {
    return this.http.post(`/v1/orders/${orderId}/refund`, undefined, {
      token,
      headers: key ? { 'idempotency-key': key } : {},
    });
  }

  async get(token: string, orderId: string): Promise<Order> {
    const res = await this.http.get(`/v1/orders/${orderId}`, { token });
    if (res.status !== 200) throw new Error(`get order failed: ${res.status} ${res.text}`);
    return res.body;
  }
}

/**
 * The check-in code of a paid order, as its guest reads it: from the paid email in the run's
 * file outbox (the database holds only a keyed hash of it). Waits for the mail.
 */
export async function checkInCodeFromMail(guestEmail: string, orderId: string): Promise<string> {
  const mail = await waitForMail(
    guestEmail,
    (m) => m.text.includes(orderId) && CHECK_IN_CODE_TEXT.test(m.text),
  );
  return CHECK_IN_CODE_TEXT.exec(mail.text)![1];
}

const CHECK_IN_CODE_TEXT = /check-in code: (\d{6})\b/;

/**
 * Asserts that the database keeps no plain check-in code of the order: its credential row holds
 * an `h1:` keyed hash that does not contain the code, and no column of its `orders` row does.
 */
export async function expectNoPlainCode(
  db: Connection,
  orderId: string,
  code: string,
): Promise<void> {
  const [hashes] = await db.query('SELECT code_hash FROM order_check_ins WHERE order_id = ?', [
    uuidToBuffer(orderId),
  ]);
  const rows = hashes as Array<{ code_hash: string }>;
  expect(rows).toHaveLength(1);
  expect(rows[0].code_hash).toMatch(/^h1:/);
  expect(rows[0].code_hash).not.toContain(code);
  const [orders] = await db.query('SELECT * FROM orders WHERE id = ?', [uuidToBuffer(orderId)]);
  const [row] = orders as Array<Record<string, unknown>>;
  expect(row).toBeDefined();
  for (const [column, value] of Object.entries(row)) {
    const texts =
      value instanceof Buffer
        ? [value.toString('latin1'), value.toString('hex')]
        : value instanceof Date
          ? [value.toISOString()]
          : [String(value)];
    for (const text of texts)
      expect({ column, text }).not.toEqual({ column, text: expect.stringContaining(code) });
  }
}

/** How many payment transfers name this order (the pay handler notes `order <id>`). */
export async function paymentsFor(db: Connection, orderId: string): Promise<number> {
  const [rows] = await db.query(
    "SELECT COUNT(*) AS n FROM transfers WHERE kind = 'payment' AND note = ?",
    [`order ${orderId}`],
  );
  return Number((rows as Array<{ n: number }>)[0].n);
}

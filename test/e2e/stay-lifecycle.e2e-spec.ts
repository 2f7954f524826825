import type { Connection } from 'mysql2/promise';
import { HttpResponse, startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  expectLedgerBalanced,
  ISO,
  loginAdmin,
  newKey,
  scalar,
  SYSTEM_ACCOUNT_IDS,
  systemBalance,
  tally,
  UUID,
} from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem } from '../support/factories';
import { eventually, waitForMail } from '../support/outbox';
import {
  checkInCodeFromMail,
  day,
  expectNoPlainCode,
  Guest,
  Host,
  Order,
  ORDER_KEYS,
  Stays,
} from '../support/stay';

const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';
/** 10 %: every settlement here moves a fee to revenue. */
const FEE_BPS = 1000;
const fee = (amount: number): number => Math.floor((amount * FEE_BPS) / 10_000);

/** A 6-digit code other than `code` (the i-th of them). */
const wrongCode = (code: string, i = 1): string =>
  String((Number(code) + i) % 1_000_000).padStart(6, '0');

/**
 * The stay lifecycle after payment (API.md, Stays): the host checks the guest in with the code
 * from the guest's email (escrow → host amount − fee, fee → revenue), the guest refunds inside
 * the window (escrow → the paying account), and a paid order nobody checked in becomes a no-show
 * at 00:00 UTC of checkOut. Later days are reached with app instances whose stay clock runs
 * ahead (STAY_CLOCK_OFFSET_SECONDS); every amount is checked to the unit.
 */
describe('Stays: check-in, refund, no-show', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let stays: Stays;
  const env = { ...adminEnv(), PLATFORM_FEE_BPS: String(FEE_BPS) };

  const escrow = () => systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR);
  const revenue = () => systemBalance(db, SYSTEM_ACCOUNT_IDS.revenue.EUR);
  const balanceOf = (who: Host | Guest) => bank.balance(who.user.accessToken, who.account.id);

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(env), connectDb()]);
    const admin = await loginAdmin(t.http, env);
    bank = new Bank(t.http, admin.accessToken);
    stays = new Stays(t.http, bank);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  interface Booking {
    host: Host;
    guest: Guest;
    order: Order;
    code: string;
  }

  /** A new host and guest, and an order of `nights × price` from `checkIn`, paid; the code from the guest's email. */
  async function paidBooking(
    checkIn: number,
    checkOut: number,
    pricePerNight = 10_000,
    host?: Host,
    guest?: Guest,
  ): Promise<Booking> {
    host ??= await stays.host({ pricePerNight });
    guest ??= await stays.guest('EUR', 1_000_000);
    const placed = await stays.placed(
      guest.user.accessToken,
      host.homestay.id,
      day(checkIn),
      day(checkOut),
    );
    const paid = await stays.pay(guest.user.accessToken, placed.id, guest.account.id);
    if (paid.status !== 200) throw new Error(`pay failed: ${paid.status} ${paid.text}`);
    const code = await checkInCodeFromMail(guest.user.email, placed.id);
    return { host, guest, order: paid.body, code };
  }

  async function credentialRows(orderId: string): Promise<number> {
    return scalar(db, 'SELECT COUNT(*) FROM order_check_ins WHERE order_id = ?', [
      uuidToBuffer(orderId),
    ]);
  }

  /** A transfer as the database holds it (the fee's revenue side is no user's to GET). */
  async function transfer(
    id: string,
  ): Promise<{ kind: string; amount: number; from: string; to: string }> {
    const [rows] = await db.query(
      `SELECT kind, amount, LOWER(HEX(from_account_id)) AS fromHex, LOWER(HEX(to_account_id)) AS toHex
       FROM transfers WHERE id = ?`,
      [uuidToBuffer(id)],
    );
    const [row] = rows as Array<{ kind: string; amount: number; fromHex: string; toHex: string }>;
    return { kind: row.kind, amount: Number(row.amount), from: row.fromHex, to: row.toHex };
  }
  const hex = (id: string): string => id.replace(/-/g, '');

  // ───────────────────────────────────────────── check-in ──
  describe('check-in', () => {
    it('the host checks in with the code from the guest email → 200 checked_in; escrow pays amount − fee to the host and the fee to revenue; both emailed; once only', async () => {
      const host = await stays.host({ pricePerNight: 12_347 });
      const guest = await stays.guest('EUR', 100_000);
      const [escrowBefore, revenueBefore] = [await escrow(), await revenue()];
      const { order, code } = await paidBooking(0, 2, undefined, host, guest);
      const amount = 2 * 12_347;
      const payout = amount - fee(amount);
      expect(fee(amount)).toBe(2_469);
      expect(await escrow()).toBe(escrowBefore + amount);
      await expectNoPlainCode(db, order.id, code);

      const res = await stays.checkIn(host.user.accessToken, order.id, code);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(ORDER_KEYS);
      expect(res.body).toEqual({
        ...order,
        status: 'checked_in',
        checkedInAt: expect.stringMatching(ISO),
        payoutTransferId: expect.stringMatching(UUID),
        feeTransferId: expect.stringMatching(UUID),
      });
      const done: Order = res.body;
      expect(await stays.get(guest.user.accessToken, order.id)).toEqual(done);

      // Exact money: the guest paid once, the host got amount − fee, revenue the fee, escrow is back.
      expect(await balanceOf(guest)).toBe(100_000 - amount);
      expect(await balanceOf(host)).toBe(payout);
      expect(await escrow()).toBe(escrowBefore);
      expect(await revenue()).toBe(revenueBefore + fee(amount));

      const payoutTransfer = await t.http.get(`/v1/transfers/${done.payoutTransferId}`, {
        token: host.user.accessToken,
      });
      expect(payoutTransfer.status).toBe(200);
      expect(payoutTransfer.body).toMatchObject({
        fromAccountId: SYSTEM_ACCOUNT_IDS.escrow.EUR,
        toAccountId: host.account.id,
        amount: payout,
        currency: 'EUR',
        kind: 'payout',
      });
      expect(await transfer(done.feeTransferId!)).toEqual({
        kind: 'fee',
        amount: fee(amount),
        from: hex(SYSTEM_ACCOUNT_IDS.escrow.EUR),
        to: hex(SYSTEM_ACCOUNT_IDS.revenue.EUR),
      });
      // The credential is spent.
      expect(await credentialRows(order.id)).toBe(0);

      await waitForMail(
        guest.user.email,
        (m) =>
          m.subject === `Checked in: ${order.checkIn} to ${order.checkOut}` &&
          m.text.includes(order.id),
      );
      const hostMail = await waitForMail(
        host.user.email,
        (m) =>
          m.subject === `Guest checked in: ${order.checkIn} to ${order.checkOut}` &&
          m.text.includes(order.id),
      );
      expect(hostMail.text).toContain(done.payoutTransferId!);
      expect(hostMail.text).not.toContain(code);

      const asHost = await t.http.get('/v1/orders?as=host', { token: host.user.accessToken });
      expect(asHost.status).toBe(200);
      expect(asHost.body.items).toEqual([done]);
      const asGuest = await t.http.get('/v1/orders?as=guest', { token: guest.user.accessToken });
      expect(asGuest.status).toBe(200);
      expect(asGuest.body.items).toEqual([done]);

      // Once only: a second check-in, a refund, a payment are refused; nothing moves.
      expectProblem(
        await stays.checkIn(host.user.accessToken, order.id, code),
        409,
        'ORDER_NOT_CHECKABLE',
      );
      expectProblem(
        await stays.refund(guest.user.accessToken, order.id),
        409,
        'ORDER_NOT_REFUNDABLE',
      );
      expectProblem(
        await stays.pay(guest.user.accessToken, order.id, guest.account.id),
        409,
        'ORDER_NOT_PAYABLE',
      );
      expect(await balanceOf(guest)).toBe(100_000 - amount);
      expect(await balanceOf(host)).toBe(payout);
      expect(await escrow()).toBe(escrowBefore);
      expect(await revenue()).toBe(revenueBefore + fee(amount));
      await expectLedgerBalanced(db);
    });

    it('5 wrong codes → 422 CHECK_IN_CODE_INVALID each, then even the right code → 429 with Retry-After ≈ 900; no money moves; the lock expires (an instance 16 min ahead accepts the code)', async () => {
      const booking = await paidBooking(0, 2);
      const { host, guest, order, code } = booking;
      const escrowBefore = await escrow();
      const revenueBefore = await revenue();
      const token = host.user.accessToken;

      for (let i = 1; i <= 5; i++) {
        const res = await stays.checkIn(token, order.id, wrongCode(code, i));
        expectProblem(res, 422, 'CHECK_IN_CODE_INVALID');
        expect(res.body.detail).toMatch(
          i < 5 ? new RegExp(`; ${5 - i} attempts? left`) : /check-in is now locked/,
        );
      }
      const locked = await stays.checkIn(token, order.id, code);
      expectProblem(locked, 429, 'CHECK_IN_ATTEMPTS_EXCEEDED');
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(880);
      expect(retryAfter).toBeLessThanOrEqual(900);
      // While locked, a wrong code is not even looked at (not counted).
      expectProblem(
        await stays.checkIn(token, order.id, wrongCode(code, 6)),
        429,
        'CHECK_IN_ATTEMPTS_EXCEEDED',
      );
      const [rows] = await db.query(
        'SELECT wrong_codes, lockouts, locked_until FROM order_check_ins WHERE order_id = ?',
        [uuidToBuffer(order.id)],
      );
      const [credential] = rows as Array<{
        wrong_codes: number;
        lockouts: number;
        locked_until: Date;
      }>;
      expect({ wrong: credential.wrong_codes, lockouts: credential.lockouts }).toEqual({
        wrong: 5,
        lockouts: 1,
      });
      const lockLeft = credential.locked_until.getTime() - Date.now();
      expect(lockLeft).toBeGreaterThan(880_000);
      expect(lockLeft).toBeLessThanOrEqual(900_000);

      expect(await stays.get(token, order.id)).toEqual(order);
      expect(await balanceOf(host)).toBe(0);
      expect(await balanceOf(guest)).toBe(1_000_000 - order.amount);
      expect(await escrow()).toBe(escrowBefore);
      expect(await revenue()).toBe(revenueBefore);

      // 16 minutes later (an instance whose stay clock runs 960 s ahead) the lock is over.
      const later = await startApp({
        ...env,
        STAY_CLOCK_OFFSET_SECONDS: '960',
        WORKERS_ENABLED: 'false',
      });
      try {
        const res = await new Stays(later.http, bank).checkIn(token, order.id, code);
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('checked_in');
      } finally {
        await later.close();
      }
      expectProblem(await stays.checkIn(token, order.id, code), 409, 'ORDER_NOT_CHECKABLE');
      expect(await balanceOf(host)).toBe(order.amount - fee(order.amount));
      expect(await escrow()).toBe(escrowBefore - order.amount);
      expect(await revenue()).toBe(revenueBefore + fee(order.amount));
    });

    it('wrong codes sent at once are all counted: a code of another order and 7 parallel guesses → 5 × 422, then 429; the order locked once', async () => {
      // Left locked and paid: checkOut late enough for the no-show test's instance (two days ahead).
      const { host, order, code } = await paidBooking(0, 4);
      const other = await paidBooking(0, 1);
      const token = host.user.accessToken;
      // The other order's (right) code is wrong here (unless both codes happen to be equal).
      const foreign = other.code === code ? wrongCode(code, 100) : other.code;
      const first = await stays.checkIn(token, order.id, foreign);
      expectProblem(first, 422, 'CHECK_IN_CODE_INVALID');
      expect(first.body.detail).toMatch(/; 4 attempts left/);
      const results = await Promise.all(
        Array.from({ length: 7 }, (_, i) => stays.checkIn(token, order.id, wrongCode(code, i + 1))),
      );
      expect(tally(results)).toEqual({
        '422 CHECK_IN_CODE_INVALID': 4,
        '429 CHECK_IN_ATTEMPTS_EXCEEDED': 3,
      });
      const [rows] = await db.query(
        'SELECT wrong_codes AS wrong, lockouts FROM order_check_ins WHERE order_id = ?',
        [uuidToBuffer(order.id)],
      );
      expect(rows).toEqual([{ wrong: 5, lockouts: 1 }]);
      expectProblem(await stays.checkIn(token, order.id, code), 429, 'CHECK_IN_ATTEMPTS_EXCEEDED');
      // The other order is untouched by all this.
      expect(
        (await stays.checkIn(other.host.user.accessToken, other.order.id, other.code)).status,
      ).toBe(200);
    });

    it('after a lock the count starts again and the next lock lasts twice as long (1800 s)', async () => {
      // checkOut leaves it paid for the no-show test's instance (two days ahead).
      const { host, guest, order, code } = await paidBooking(0, 4);
      const token = host.user.accessToken;
      const escrowBefore = await escrow();
      for (let i = 1; i <= 5; i++)
        expectProblem(
          await stays.checkIn(token, order.id, wrongCode(code, i)),
          422,
          'CHECK_IN_CODE_INVALID',
        );
      const later = await startApp({
        ...env,
        STAY_CLOCK_OFFSET_SECONDS: '960',
        WORKERS_ENABLED: 'false',
      });
      try {
        const laterStays = new Stays(later.http, bank);
        for (let i = 1; i <= 5; i++) {
          const res = await laterStays.checkIn(token, order.id, wrongCode(code, i));
          expectProblem(res, 422, 'CHECK_IN_CODE_INVALID');
          expect(res.body.detail).toMatch(
            i < 5 ? new RegExp(`; ${5 - i} attempts? left`) : /check-in is now locked/,
          );
        }
        const locked = await laterStays.checkIn(token, order.id, code);
        expectProblem(locked, 429, 'CHECK_IN_ATTEMPTS_EXCEEDED');
        const retryAfter = Number(locked.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(1780);
        expect(retryAfter).toBeLessThanOrEqual(1800);
      } finally {
        await later.close();
      }
      // Seen from now, the second lock ends 960 + 1800 s ahead.
      const now = await stays.checkIn(token, order.id, code);
      expectProblem(now, 429, 'CHECK_IN_ATTEMPTS_EXCEEDED');
      expect(Number(now.headers.get('retry-after'))).toBeGreaterThan(2740);
      expect(Number(now.headers.get('retry-after'))).toBeLessThanOrEqual(2760);
      const [rows] = await db.query(
        'SELECT wrong_codes AS wrong, lockouts FROM order_check_ins WHERE order_id = ?',
        [uuidToBuffer(order.id)],
      );
      expect(rows).toEqual([{ wrong: 5, lockouts: 2 }]);
      expect((await stays.get(token, order.id)).status).toBe('paid');
      expect(await balanceOf(host)).toBe(0);
      expect(await balanceOf(guest)).toBe(1_000_000 - order.amount);
      expect(await escrow()).toBe(escrowBefore);
    });

    it('a fee that rounds down to 0 (amount 9 at 10 %) moves no fee transfer: feeTransferId null, the host gets all 9', async () => {
      const { host, guest, order, code } = await paidBooking(0, 1, 9);
      const [escrowBefore, revenueBefore] = [await escrow(), await revenue()];
      const res = await stays.checkIn(host.user.accessToken, order.id, code);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...order,
        status: 'checked_in',
        checkedInAt: expect.stringMatching(ISO),
        payoutTransferId: expect.stringMatching(UUID),
        feeTransferId: null,
      });
      expect(await balanceOf(host)).toBe(9);
      expect(await balanceOf(guest)).toBe(1_000_000 - 9);
      expect(await escrow()).toBe(escrowBefore - 9);
      expect(await revenue()).toBe(revenueBefore);
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM transfers WHERE note = ?', [`order ${order.id}`]),
      ).toBe(2);
    });

    it('only the host: guest, stranger, unknown order → 404; malformed codes → 400 (not counted); pending → 409; before the check-in day → 422 CHECK_IN_TOO_EARLY', async () => {
      const { host, guest, order, code } = await paidBooking(0, 1);
      const stranger = await bank.user();
      const escrowBefore = await escrow();

      expectProblem(await stays.checkIn(guest.user.accessToken, order.id, code), 404, 'NOT_FOUND');
      expectProblem(await stays.checkIn(stranger.accessToken, order.id, code), 404, 'NOT_FOUND');
      expectProblem(await stays.checkIn(host.user.accessToken, MISSING_ID, code), 404, 'NOT_FOUND');
      expectProblem(
        await t.http.post(`/v1/orders/${order.id}/check-in`, { code }),
        401,
        'UNAUTHENTICATED',
      );
      for (const body of [
        { code: '12345' },
        { code: 'abcdef' },
        { code: '1234567' },
        { code: ` ${code}` },
        { code: Number(code) },
        {},
        { code, extra: true },
        { code, orderId: order.id },
      ]) {
        const res = await stays.checkIn(host.user.accessToken, order.id, code, body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      // None of these counted as wrong codes (8 of them would have locked the order).
      expect(
        await scalar(db, 'SELECT wrong_codes FROM order_check_ins WHERE order_id = ?', [
          uuidToBuffer(order.id),
        ]),
      ).toBe(0);
      expect((await stays.get(host.user.accessToken, order.id)).status).toBe('paid');
      expect(await escrow()).toBe(escrowBefore);
      expect((await stays.checkIn(host.user.accessToken, order.id, code)).status).toBe(200);

      // A pending order has no code to check: 409, whatever the code.
      const pending = await stays.placed(guest.user.accessToken, host.homestay.id, day(5), day(6));
      expectProblem(
        await stays.checkIn(host.user.accessToken, pending.id, '000000'),
        409,
        'ORDER_NOT_CHECKABLE',
      );
      expect(await stays.cancel(guest.user.accessToken, pending.id)).toMatchObject({ status: 200 });
      expectProblem(
        await stays.checkIn(host.user.accessToken, pending.id, '000000'),
        409,
        'ORDER_NOT_CHECKABLE',
      );

      // Tomorrow's stay: even the right code is too early today; nothing moves.
      const early = await paidBooking(1, 4);
      const escrowEarly = await escrow();
      const tooEarly = await stays.checkIn(early.host.user.accessToken, early.order.id, early.code);
      expectProblem(tooEarly, 422, 'CHECK_IN_TOO_EARLY');
      expect(tooEarly.body.detail).toContain(`${day(1)}T00:00:00.000Z`);
      expect((await stays.get(early.host.user.accessToken, early.order.id)).status).toBe('paid');
      expect(await balanceOf(early.host)).toBe(0);
      expect(await escrow()).toBe(escrowEarly);
    });
  });

  // ───────────────────────────────────────────── refund ──
  describe('refund', () => {
    it('inside the window: 200 refunded, the whole amount from escrow back to the paying account (kind refund), both emailed, the nights bookable again; twice → 409', async () => {
      const host = await stays.host({ pricePerNight: 5_001 });
      const guest = await stays.guest('EUR', 40_000);
      const stranger = await stays.guest();
      const [escrowBefore, revenueBefore] = [await escrow(), await revenue()];
      const { order, code } = await paidBooking(5, 8, undefined, host, guest);
      expect(await balanceOf(guest)).toBe(40_000 - 15_003);

      expectProblem(await stays.refund(host.user.accessToken, order.id), 404, 'NOT_FOUND');
      expectProblem(await stays.refund(stranger.user.accessToken, order.id), 404, 'NOT_FOUND');
      expectProblem(await stays.refund(guest.user.accessToken, MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await t.http.post(`/v1/orders/${order.id}/refund`), 401, 'UNAUTHENTICATED');
      expect(await escrow()).toBe(escrowBefore + 15_003);

      const res = await stays.refund(guest.user.accessToken, order.id);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(ORDER_KEYS);
      expect(res.body).toEqual({
        ...order,
        status: 'refunded',
        refundedAt: expect.stringMatching(ISO),
        refundTransferId: expect.stringMatching(UUID),
      });
      const done: Order = res.body;
      expect(await stays.get(host.user.accessToken, order.id)).toEqual(done);

      expect(await balanceOf(guest)).toBe(40_000);
      expect(await balanceOf(host)).toBe(0);
      expect(await escrow()).toBe(escrowBefore);
      expect(await revenue()).toBe(revenueBefore);
      const refund = await t.http.get(`/v1/transfers/${done.refundTransferId}`, {
        token: guest.user.accessToken,
      });
      expect(refund.status).toBe(200);
      expect(refund.body).toMatchObject({
        fromAccountId: SYSTEM_ACCOUNT_IDS.escrow.EUR,
        toAccountId: guest.account.id,
        amount: 15_003,
        currency: 'EUR',
        kind: 'refund',
      });
      expect(await credentialRows(order.id)).toBe(0);

      const between = `${order.checkIn} to ${order.checkOut}`;
      await waitForMail(
        guest.user.email,
        (m) => m.subject === `Refunded: ${between}` && m.text.includes(order.id),
      );
      await waitForMail(
        host.user.email,
        (m) => m.subject === `Booking refunded: ${between}` && m.text.includes(order.id),
      );

      expectProblem(
        await stays.refund(guest.user.accessToken, order.id),
        409,
        'ORDER_NOT_REFUNDABLE',
      );
      expectProblem(
        await stays.checkIn(host.user.accessToken, order.id, code),
        409,
        'ORDER_NOT_CHECKABLE',
      );
      expect(await balanceOf(guest)).toBe(40_000);
      expect(await escrow()).toBe(escrowBefore);

      // The same nights can be booked again.
      const again = await stays.order(stranger.user.accessToken, {
        homestayId: host.homestay.id,
        checkIn: order.checkIn,
        checkOut: order.checkOut,
        guests: 1,
      });
      expect(again.status).toBe(201);
    });

    it('Idempotency-Key: a retried refund replays the answer (Idempotent-Replayed: true); the money moves once', async () => {
      const { guest, order } = await paidBooking(4, 6, 7_000);
      const escrowBefore = await escrow();
      const key = newKey('refund');
      const first = await stays.refund(guest.user.accessToken, order.id, key);
      const again = await stays.refund(guest.user.accessToken, order.id, key);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(first.body.status).toBe('refunded');
      expect(await balanceOf(guest)).toBe(1_000_000);
      expect(await escrow()).toBe(escrowBefore - 14_000);
      expect(
        await scalar(db, "SELECT COUNT(*) FROM transfers WHERE kind = 'refund' AND note = ?", [
          `order ${order.id}`,
        ]),
      ).toBe(1);
      // Without the key it is a new request: the order is refunded already.
      expectProblem(
        await stays.refund(guest.user.accessToken, order.id, newKey('refund')),
        409,
        'ORDER_NOT_REFUNDABLE',
      );
    });

    it('outside the window (checkIn today or tomorrow, cutoff 24 h before 00:00 UTC of checkIn) → 422 REFUND_WINDOW_CLOSED; a pending order → 409', async () => {
      const host = await stays.host({ pricePerNight: 3_000 });
      const guest = await stays.guest('EUR', 100_000);
      // checkOut far enough that the no-show test's instance (two days ahead) leaves them paid.
      const today = await paidBooking(0, 4, undefined, host, guest);
      const tomorrow = await stays.placed(
        guest.user.accessToken,
        (await stays.host({ pricePerNight: 3_000 })).homestay.id,
        day(1),
        day(4),
      );
      expect((await stays.pay(guest.user.accessToken, tomorrow.id, guest.account.id)).status).toBe(
        200,
      );
      const escrowBefore = await escrow();
      for (const [id, closedAt] of [
        [today.order.id, day(-1)],
        [tomorrow.id, day(0)],
      ]) {
        const res = await stays.refund(guest.user.accessToken, id);
        expectProblem(res, 422, 'REFUND_WINDOW_CLOSED');
        expect(res.body.detail).toContain(`${closedAt}T00:00:00.000Z`);
        expect((await stays.get(guest.user.accessToken, id)).status).toBe('paid');
      }
      expect(await balanceOf(guest)).toBe(100_000 - 4 * 3_000 - 3 * 3_000);
      expect(await escrow()).toBe(escrowBefore);

      const pending = await stays.placed(
        guest.user.accessToken,
        host.homestay.id,
        day(10),
        day(11),
      );
      expectProblem(
        await stays.refund(guest.user.accessToken, pending.id),
        409,
        'ORDER_NOT_REFUNDABLE',
      );
      expect((await stays.cancel(guest.user.accessToken, pending.id)).status).toBe(200);
    });
  });

  // ───────────────────────────────────────────── refund vs check-in ──
  it('refund racing check-in (two API processes, REFUND_CUTOFF_HOURS=-24, checkIn today), 20 rounds: exactly one wins each; money exact; ledger:check OK', async () => {
    const ROUNDS = 20;
    const PRICE = 10_001;
    const racer = await startApp({ ...env, REFUND_CUTOFF_HOURS: '-24', WORKERS_ENABLED: 'false' });
    try {
      const hosts = await Promise.all(
        Array.from({ length: ROUNDS }, () => stays.host({ pricePerNight: PRICE })),
      );
      const funding = ROUNDS * PRICE + 1_234;
      const guest = await stays.guest('EUR', funding);
      const racerStays = new Stays(racer.http, bank);
      const [escrowBefore, revenueBefore] = [await escrow(), await revenue()];

      const winners: Array<'refund' | 'check-in'> = [];
      for (let i = 0; i < ROUNDS; i++) {
        // One homestay per round: every stay starts today, and a checked-in one keeps its night.
        const { order, code } = await paidBooking(0, 1, PRICE, hosts[i], guest);
        const refund = () => racerStays.refund(guest.user.accessToken, order.id);
        const checkIn = () => stays.checkIn(hosts[i].user.accessToken, order.id, code);
        const [refunded, checkedIn]: HttpResponse[] =
          i % 2
            ? await Promise.all([refund(), checkIn()])
            : (await Promise.all([checkIn(), refund()])).reverse();
        const outcome = { round: i, refund: refunded.status, checkIn: checkedIn.status };
        if (refunded.status === 200) {
          expect(outcome).toEqual({ round: i, refund: 200, checkIn: 409 });
          expect(checkedIn.body.code).toBe('ORDER_NOT_CHECKABLE');
          expect(refunded.body.status).toBe('refunded');
          winners.push('refund');
        } else {
          expect(outcome).toEqual({ round: i, refund: 409, checkIn: 200 });
          expect(refunded.body.code).toBe('ORDER_NOT_REFUNDABLE');
          expect(checkedIn.body.status).toBe('checked_in');
          winners.push('check-in');
        }
        expect((await stays.get(guest.user.accessToken, order.id)).status).toBe(
          winners[i] === 'refund' ? 'refunded' : 'checked_in',
        );
      }

      const checkIns = winners.filter((w) => w === 'check-in').length;
      expect(await escrow()).toBe(escrowBefore);
      expect(await balanceOf(guest)).toBe(funding - checkIns * PRICE);
      expect(await revenue()).toBe(revenueBefore + checkIns * fee(PRICE));
      const hostBalances = await Promise.all(hosts.map((h) => balanceOf(h)));
      expect(hostBalances).toEqual(winners.map((w) => (w === 'check-in' ? PRICE - fee(PRICE) : 0)));
      await expectLedgerBalanced(db);
    } finally {
      await racer.close();
    }
  });

  it('8 concurrent check-ins with the right code → one 200, seven 409 ORDER_NOT_CHECKABLE; 8 concurrent refunds (distinct keys) → one 200, seven 409 ORDER_NOT_REFUNDABLE; money moved once', async () => {
    const checked = await paidBooking(0, 1, 4_321);
    const refunded = await paidBooking(5, 6, 4_321);
    const [escrowBefore, revenueBefore] = [await escrow(), await revenue()];
    const [checkIns, refunds] = await Promise.all([
      Promise.all(
        Array.from({ length: 8 }, () =>
          stays.checkIn(checked.host.user.accessToken, checked.order.id, checked.code),
        ),
      ),
      Promise.all(
        Array.from({ length: 8 }, () =>
          stays.refund(refunded.guest.user.accessToken, refunded.order.id, newKey('refund')),
        ),
      ),
    ]);
    expect(tally(checkIns)).toEqual({ '200': 1, '409 ORDER_NOT_CHECKABLE': 7 });
    expect(tally(refunds)).toEqual({ '200': 1, '409 ORDER_NOT_REFUNDABLE': 7 });
    expect(await balanceOf(checked.host)).toBe(4_321 - fee(4_321));
    expect(await balanceOf(refunded.guest)).toBe(1_000_000);
    expect(await escrow()).toBe(escrowBefore - 2 * 4_321);
    expect(await revenue()).toBe(revenueBefore + fee(4_321));
    for (const [id, kinds] of [
      [checked.order.id, ['fee', 'payment', 'payout']],
      [refunded.order.id, ['payment', 'refund']],
    ] as const) {
      const [rows] = await db.query('SELECT kind FROM transfers WHERE note = ? ORDER BY kind', [
        `order ${id}`,
      ]);
      expect((rows as Array<{ kind: string }>).map((r) => r.kind)).toEqual(kinds);
    }
  });

  // ───────────────────────────────────────────── no-show ──
  it('no-show: a paid order nobody checked in is settled by the sweep at 00:00 UTC of checkOut (an instance two days ahead): host amount − fee, revenue the fee, host emailed', async () => {
    const { host, guest, order, code } = await paidBooking(0, 1, 8_888);
    // Nothing else paid in this run ends by the day after tomorrow: the sweep settles only this.
    const [due] = await db.query(
      "SELECT LOWER(HEX(id)) AS id FROM orders WHERE status = 'paid' AND check_out <= ?",
      [day(2)],
    );
    expect(due).toEqual([{ id: hex(order.id) }]);
    const [escrowBefore, revenueBefore] = [await escrow(), await revenue()];

    const ahead = await startApp({
      ...env,
      STAY_CLOCK_OFFSET_SECONDS: String(2 * 86_400),
      WORKERS_ENABLED: 'true',
      ORDER_SWEEP_INTERVAL_SECONDS: '1',
    });
    try {
      const done = await eventually(
        async () => {
          const o = await stays.get(host.user.accessToken, order.id);
          return o.status === 'paid' ? undefined : o;
        },
        20_000,
        `order ${order.id} settled as a no-show`,
      );
      expect(done).toEqual({
        ...order,
        status: 'no_show',
        payoutTransferId: expect.stringMatching(UUID),
        feeTransferId: expect.stringMatching(UUID),
      });
      expect(await balanceOf(host)).toBe(8_888 - fee(8_888));
      expect(await balanceOf(guest)).toBe(1_000_000 - 8_888);
      expect(await revenue()).toBe(revenueBefore + fee(8_888));
      expect(await escrow()).toBe(escrowBefore - 8_888);
      expect(await transfer(done.payoutTransferId!)).toEqual({
        kind: 'payout',
        amount: 8_888 - fee(8_888),
        from: hex(SYSTEM_ACCOUNT_IDS.escrow.EUR),
        to: hex(host.account.id),
      });
      expect(await transfer(done.feeTransferId!)).toEqual({
        kind: 'fee',
        amount: fee(8_888),
        from: hex(SYSTEM_ACCOUNT_IDS.escrow.EUR),
        to: hex(SYSTEM_ACCOUNT_IDS.revenue.EUR),
      });
      expect(await credentialRows(order.id)).toBe(0);
      await waitForMail(
        host.user.email,
        (m) =>
          m.subject === `No-show: ${order.checkIn} to ${order.checkOut}` &&
          m.text.includes(order.id) &&
          m.text.includes(done.payoutTransferId!),
      );
      // Settled: no check-in, no refund after it.
      expectProblem(
        await stays.checkIn(host.user.accessToken, order.id, code),
        409,
        'ORDER_NOT_CHECKABLE',
      );
      expectProblem(
        await stays.refund(guest.user.accessToken, order.id),
        409,
        'ORDER_NOT_REFUNDABLE',
      );
    } finally {
      await ahead.close();
    }
    expect(await balanceOf(host)).toBe(8_888 - fee(8_888));
  });

  it('the ledger holds after everything above: ledger:check OK (escrow = the paid orders); each settled order moved its money exactly once', async () => {
    await expectLedgerBalanced(db);
    const [rows] = await db.query(
      `SELECT o.status, COUNT(*) AS orders,
              SUM(FLOOR(o.amount * ? / 10000) > 0) AS charged,
              SUM(o.payout_transfer_id IS NOT NULL) AS payouts,
              SUM(tp.amount = o.amount - FLOOR(o.amount * ? / 10000)) AS exactPayouts,
              SUM(o.fee_transfer_id IS NOT NULL) AS fees,
              SUM(tf.amount = FLOOR(o.amount * ? / 10000)) AS exactFees,
              SUM(o.refund_transfer_id IS NOT NULL) AS refunds,
              SUM(tr.amount = o.amount) AS exactRefunds,
              SUM(c.order_id IS NOT NULL) AS credentials
       FROM orders o
       LEFT JOIN order_check_ins c ON c.order_id = o.id
       LEFT JOIN transfers tp ON tp.id = o.payout_transfer_id AND tp.kind = 'payout'
       LEFT JOIN transfers tf ON tf.id = o.fee_transfer_id AND tf.kind = 'fee'
       LEFT JOIN transfers tr ON tr.id = o.refund_transfer_id AND tr.kind = 'refund'
       WHERE o.status IN ('paid', 'checked_in', 'refunded', 'no_show')
       GROUP BY o.status ORDER BY o.status`,
      [FEE_BPS, FEE_BPS, FEE_BPS],
    );
    const counts = Object.fromEntries(
      (rows as Array<Record<string, unknown>>).map(({ status, ...n }) => [
        status,
        Object.fromEntries(Object.entries(n).map(([k, v]) => [k, Number(v)])),
      ]),
    );
    // Paid orders hold a credential and nothing else. Settled ones hold no credential and the
    // exact transfers of their way out: payout amount − fee and the fee (unless it rounds to 0),
    // or the whole amount back.
    const { checked_in, no_show, refunded, paid } = counts;
    const paidOut = (n: Record<string, number>) => ({
      ...n,
      payouts: n.orders,
      exactPayouts: n.orders,
      fees: n.charged,
      exactFees: n.charged,
      refunds: 0,
      exactRefunds: 0,
      credentials: 0,
    });
    expect(checked_in).toEqual(paidOut(checked_in));
    expect(no_show).toEqual(paidOut(no_show));
    expect(refunded).toEqual({
      ...refunded,
      payouts: 0,
      exactPayouts: 0,
      fees: 0,
      exactFees: 0,
      refunds: refunded.orders,
      exactRefunds: refunded.orders,
      credentials: 0,
    });
    expect(paid).toEqual({
      ...paid,
      payouts: 0,
      exactPayouts: 0,
      fees: 0,
      exactFees: 0,
      refunds: 0,
      exactRefunds: 0,
      credentials: paid.orders,
    });
    expect(checked_in.charged).toBeLessThan(checked_in.orders);
    // Each settlement transfer belongs to exactly one order.
    for (const [kind, column] of [
      ['payout', 'payout_transfer_id'],
      ['fee', 'fee_transfer_id'],
      ['refund', 'refund_transfer_id'],
    ])
      expect({
        kind,
        transfers: await scalar(db, 'SELECT COUNT(*) FROM transfers WHERE kind = ?', [kind]),
      }).toEqual({
        kind,
        transfers: await scalar(
          db,
          `SELECT COUNT(*) FROM orders o JOIN transfers t ON t.id = o.${column} AND t.kind = ?`,
          [kind],
        ),
      });
  });
});

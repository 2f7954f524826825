import type { Connection } from 'mysql2/promise';
import { HttpResponse, startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  ISO,
  loginAdmin,
  newKey,
  expectLedgerBalanced,
  runLedgerCheck,
  SYSTEM_ACCOUNT_IDS,
  systemBalance,
  tally,
  UUID,
} from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, uniqueName } from '../support/factories';
import {
  checkInCodeFromMail,
  day,
  homestayBody,
  HOMESTAY_KEYS,
  ORDER_KEYS,
  expectNoPlainCode,
  Order,
  paymentsFor,
  Stays,
} from '../support/stay';
import { eventually, OutboxMail, readJsonl } from '../support/outbox';

const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';
const MAX_AMOUNT = 1_000_000_000_000;

describe('Stays (homestays and orders)', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let stays: Stays;
  const env = adminEnv();

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(env), connectDb()]);
    const admin = await loginAdmin(t.http, env);
    bank = new Bank(t.http, admin.accessToken);
    stays = new Stays(t.http, bank);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  // ───────────────────────────────────────────── homestays ──
  describe('homestays', () => {
    it('POST /v1/homestays → 201 with exactly the Homestay fields; public detail and list show it', async () => {
      const host = await bank.user();
      await bank.open(host.accessToken, 'CNY');
      const body = homestayBody({ currency: 'CNY', city: uniqueName('City') });
      const res = await stays.createHomestay(host.accessToken, body);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(HOMESTAY_KEYS);
      expect(res.body).toEqual({
        ...body,
        id: expect.stringMatching(UUID),
        hostId: host.id,
        createdAt: expect.stringMatching(ISO),
      });

      const detail = await t.http.get(`/v1/homestays/${res.body.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toEqual(res.body);
      const list = await t.http.get(
        `/v1/homestays?city=${encodeURIComponent(body.city as string)}`,
      );
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [res.body], nextCursor: null });
    });

    it('needs a token to create and an account of the homestay currency (422 RECIPIENT_HAS_NO_ACCOUNT)', async () => {
      expectProblem(await t.http.post('/v1/homestays', homestayBody()), 401, 'UNAUTHENTICATED');
      const host = await bank.user();
      expectProblem(
        await stays.createHomestay(host.accessToken, homestayBody({ currency: 'USD' })),
        422,
        'RECIPIENT_HAS_NO_ACCOUNT',
      );
      await bank.open(host.accessToken, 'EUR');
      expectProblem(
        await stays.createHomestay(host.accessToken, homestayBody({ currency: 'USD' })),
        422,
        'RECIPIENT_HAS_NO_ACCOUNT',
      );
      expect(
        (await stays.createHomestay(host.accessToken, homestayBody({ currency: 'EUR' }))).status,
      ).toBe(201);
    });

    it.each([
      ['title empty', { title: '' }],
      ['title only spaces', { title: '   ' }],
      ['title too long', { title: 'x'.repeat(121) }],
      ['description missing', { description: undefined }],
      ['description too long', { description: 'd'.repeat(5001) }],
      ['city empty', { city: '' }],
      ['city not a string', { city: 42 }],
      ['pricePerNight 0', { pricePerNight: 0 }],
      ['pricePerNight fractional', { pricePerNight: 12.5 }],
      ['pricePerNight a string', { pricePerNight: '9900' }],
      ['pricePerNight over 1e12', { pricePerNight: MAX_AMOUNT + 1 }],
      ['currency unknown', { currency: 'GBP' }],
      ['maxGuests 0', { maxGuests: 0 }],
      ['maxGuests 51', { maxGuests: 51 }],
      ['unknown field hostId', { hostId: MISSING_ID }],
      ['unknown field rating', { rating: 5 }],
    ])('POST /v1/homestays with %s → 400 VALIDATION_FAILED', async (_name, overrides) => {
      const host = await bank.user();
      await bank.open(host.accessToken, 'EUR');
      const res = await stays.createHomestay(host.accessToken, homestayBody(overrides));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('accepts the limits: pricePerNight 1 and 1e12, maxGuests 1 and 50, 120-char title', async () => {
      const host = await bank.user();
      await bank.open(host.accessToken, 'EUR');
      for (const overrides of [
        { pricePerNight: 1, maxGuests: 1 },
        { pricePerNight: MAX_AMOUNT, maxGuests: 50, title: 't'.repeat(120) },
      ]) {
        const res = await stays.createHomestay(host.accessToken, homestayBody(overrides));
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject(overrides);
      }
    });

    it('PATCH /v1/homestays/:id edits any of the fields for the host; others, unknown and malformed ids get 404', async () => {
      const { user, homestay } = await stays.host();
      const res = await t.http.patch(
        `/v1/homestays/${homestay.id}`,
        { title: 'Attic', pricePerNight: 12_000 },
        { token: user.accessToken },
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...homestay, title: 'Attic', pricePerNight: 12_000 });
      expect((await t.http.get(`/v1/homestays/${homestay.id}`)).body).toEqual(res.body);
      const empty = await t.http.patch(
        `/v1/homestays/${homestay.id}`,
        {},
        { token: user.accessToken },
      );
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual(res.body);

      const stranger = await bank.user();
      expectProblem(
        await t.http.patch(
          `/v1/homestays/${homestay.id}`,
          { title: 'Mine now' },
          { token: stranger.accessToken },
        ),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.patch(
          `/v1/homestays/${MISSING_ID}`,
          { title: 'x' },
          { token: user.accessToken },
        ),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.patch('/v1/homestays/not-an-id', { title: 'x' }, { token: user.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.patch(`/v1/homestays/${homestay.id}`, { title: 'x' }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await t.http.get(`/v1/homestays/${homestay.id}`)).body.title).toBe('Attic');
    });

    it('PATCH validates like create, rejects unknown fields (no hostId takeover), and needs an account of a new currency', async () => {
      const { user, homestay } = await stays.host();
      const patch = (body: Record<string, unknown>) =>
        t.http.patch(`/v1/homestays/${homestay.id}`, body, { token: user.accessToken });
      expectProblem(await patch({ hostId: MISSING_ID }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch({ maxGuests: 0 }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch({ title: null }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch({ title: 'ok', pricePerNight: -1 }), 400, 'VALIDATION_FAILED');
      expectProblem(
        await patch({ currency: 'USD', title: 'Dollar loft' }),
        422,
        'RECIPIENT_HAS_NO_ACCOUNT',
      );
      expect((await t.http.get(`/v1/homestays/${homestay.id}`)).body).toEqual(homestay);
      await bank.open(user.accessToken, 'USD');
      expect((await patch({ currency: 'USD' })).body).toEqual({ ...homestay, currency: 'USD' });
    });

    it('GET /v1/homestays: public, ?city= (case-insensitive), newest first, keyset pages without gaps or repeats', async () => {
      const city = uniqueName('Town');
      const host = await stays.host({ city });
      const created = [host.homestay.id];
      for (let i = 0; i < 4; i++)
        created.push(
          (
            await stays.createHomestay(
              host.user.accessToken,
              homestayBody({ city, title: `Room ${i}` }),
            )
          ).body.id,
        );
      await stays.host({ city: uniqueName('Elsewhere') });

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: HttpResponse = await t.http.get(
          `/v1/homestays?city=${city.toUpperCase()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((h: { id: string; city: string }) => h.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...created].reverse());

      const all = await t.http.get('/v1/homestays?limit=100');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThanOrEqual(6);
      expectProblem(await t.http.get('/v1/homestays?cursor=bogus'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/v1/homestays?limit=0'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/v1/homestays?limit=101'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/v1/homestays?color=red'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get(`/v1/homestays/${MISSING_ID}`), 404, 'NOT_FOUND');
    });
  });

  // ───────────────────────────────────────────── orders ──
  describe('placing orders', () => {
    it('POST /v1/orders → 201 Order: pending_payment, amount = nights × pricePerNight, payBefore = createdAt + timeout', async () => {
      const { homestay, user: host } = await stays.host({ pricePerNight: 12_345, maxGuests: 2 });
      const guest = await stays.guest();
      const res = await stays.order(guest.user.accessToken, {
        homestayId: homestay.id,
        checkIn: day(10),
        checkOut: day(13),
        guests: 2,
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(ORDER_KEYS);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        homestayId: homestay.id,
        guestId: guest.user.id,
        hostId: host.id,
        checkIn: day(10),
        checkOut: day(13),
        nights: 3,
        guests: 2,
        amount: 3 * 12_345,
        currency: 'EUR',
        status: 'pending_payment',
        payBefore: expect.stringMatching(ISO),
        paidAt: null,
        cancelledAt: null,
        cancelReason: null,
        transferId: null,
        checkedInAt: null,
        refundedAt: null,
        payoutTransferId: null,
        feeTransferId: null,
        refundTransferId: null,
        createdAt: expect.stringMatching(ISO),
      });
      expect(Date.parse(res.body.payBefore) - Date.parse(res.body.createdAt)).toBe(900_000);

      // Its guest and its host see it; anyone else gets 404.
      expect(await stays.get(guest.user.accessToken, res.body.id)).toEqual(res.body);
      expect(await stays.get(host.accessToken, res.body.id)).toEqual(res.body);
      const stranger = await bank.user();
      expectProblem(
        await t.http.get(`/v1/orders/${res.body.id}`, { token: stranger.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.get(`/v1/orders/${MISSING_ID}`, { token: guest.user.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.get('/v1/orders/nope', { token: guest.user.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await t.http.get(`/v1/orders/${res.body.id}`), 401, 'UNAUTHENTICATED');

      // The deadline is scheduled in the same transaction: an outbox row delivered at payBefore.
      const [rows] = await db.query('SELECT type, deliver_at FROM outbox WHERE aggregate_id = ?', [
        uuidToBuffer(res.body.id),
      ]);
      expect(rows).toEqual([
        { type: 'stay.order-payment-due', deliver_at: new Date(res.body.payBefore) },
      ]);
    });

    it('prices at the time of ordering: a later price change leaves placed orders alone', async () => {
      const { homestay, user: host } = await stays.host({ pricePerNight: 1_000 });
      const guest = await stays.guest();
      const first = await stays.placed(guest.user.accessToken, homestay.id, day(20), day(22));
      await t.http.patch(
        `/v1/homestays/${homestay.id}`,
        { pricePerNight: 5_000 },
        { token: host.accessToken },
      );
      const second = await stays.placed(guest.user.accessToken, homestay.id, day(22), day(23));
      expect([first.amount, second.amount]).toEqual([2_000, 5_000]);
      expect((await stays.get(guest.user.accessToken, first.id)).amount).toBe(2_000);
    });

    it.each([
      ['checkIn not a date', { checkIn: 'tomorrow' }, 'checkIn'],
      ['checkIn with a time', { checkIn: `${day(3)}T00:00:00Z` }, 'checkIn'],
      ['impossible date', { checkIn: '2031-02-30', checkOut: '2031-03-02' }, 'checkIn'],
      ['checkIn yesterday', { checkIn: day(-1), checkOut: day(2) }, 'checkIn'],
      ['checkOut = checkIn', { checkIn: day(3), checkOut: day(3) }, 'checkOut'],
      ['checkOut before checkIn', { checkIn: day(5), checkOut: day(3) }, 'checkOut'],
      ['31 nights', { checkIn: day(3), checkOut: day(34) }, 'checkOut'],
      ['guests 0', { guests: 0 }, 'guests'],
      ['guests fractional', { guests: 1.5 }, 'guests'],
      ['homestayId not an id', { homestayId: 'abc' }, 'homestayId'],
      ['unknown field amount', { amount: 1 }, 'amount'],
      ['unknown field status', { status: 'paid' }, 'status'],
    ])('%s → 400 VALIDATION_FAILED naming the field', async (_name, overrides, field) => {
      const { homestay } = await stays.host();
      const guest = await stays.guest();
      const res = await stays.order(guest.user.accessToken, {
        homestayId: homestay.id,
        checkIn: day(3),
        checkOut: day(5),
        guests: 1,
        ...overrides,
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const [rows] = await db.query('SELECT COUNT(*) AS n FROM orders WHERE homestay_id = ?', [
        uuidToBuffer(homestay.id),
      ]);
      expect(Number((rows as Array<{ n: number }>)[0].n)).toBe(0);
    });

    it('accepts checkIn today (UTC) and exactly 30 nights', async () => {
      const { homestay } = await stays.host();
      const guest = await stays.guest();
      expect((await stays.placed(guest.user.accessToken, homestay.id, day(0), day(1))).nights).toBe(
        1,
      );
      expect(
        (await stays.placed(guest.user.accessToken, homestay.id, day(1), day(31))).nights,
      ).toBe(30);
    });

    it('business rules: GUESTS_EXCEED_CAPACITY, CANNOT_BOOK_OWN_HOMESTAY, unknown homestay 404, token required', async () => {
      const { homestay, user: host } = await stays.host({ maxGuests: 2 });
      const guest = await stays.guest();
      const body = { homestayId: homestay.id, checkIn: day(3), checkOut: day(5), guests: 3 };
      expectProblem(await stays.order(guest.user.accessToken, body), 422, 'GUESTS_EXCEED_CAPACITY');
      expectProblem(
        await stays.order(host.accessToken, { ...body, guests: 1 }),
        422,
        'CANNOT_BOOK_OWN_HOMESTAY',
      );
      expectProblem(
        await stays.order(guest.user.accessToken, { ...body, homestayId: MISSING_ID, guests: 1 }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.post('/v1/orders', { ...body, guests: 1 }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await stays.order(guest.user.accessToken, { ...body, guests: 2 })).status).toBe(201);
    });

    it('overlap with a pending or paid order → 409 DATES_UNAVAILABLE; adjacent stays are fine; cancelled nights free up', async () => {
      const { homestay } = await stays.host({ pricePerNight: 100 });
      const a = await stays.guest();
      const b = await stays.guest();
      const booked = await stays.placed(a.user.accessToken, homestay.id, day(10), day(15));
      for (const [checkIn, checkOut] of [
        [day(10), day(15)],
        [day(9), day(11)],
        [day(14), day(16)],
        [day(11), day(12)],
        [day(5), day(25)],
      ]) {
        expectProblem(
          await stays.order(b.user.accessToken, {
            homestayId: homestay.id,
            checkIn,
            checkOut,
            guests: 1,
          }),
          409,
          'DATES_UNAVAILABLE',
        );
      }
      // Checking out the day the other stay checks in (either side) is no overlap.
      await stays.placed(b.user.accessToken, homestay.id, day(15), day(17));
      await stays.placed(b.user.accessToken, homestay.id, day(8), day(10));

      // Paid still blocks; cancelled frees the nights.
      expect((await stays.pay(a.user.accessToken, booked.id, a.account.id)).status).toBe(200);
      expectProblem(
        await stays.order(b.user.accessToken, {
          homestayId: homestay.id,
          checkIn: day(12),
          checkOut: day(13),
          guests: 1,
        }),
        409,
        'DATES_UNAVAILABLE',
      );
      const other = await stays.placed(a.user.accessToken, homestay.id, day(20), day(22));
      expect((await stays.cancel(a.user.accessToken, other.id)).status).toBe(200);
      expect((await stays.placed(b.user.accessToken, homestay.id, day(20), day(22))).status).toBe(
        'pending_payment',
      );
      // Another homestay is not affected by this one's bookings.
      const elsewhere = await stays.host();
      // (by a: b already holds 3 unpaid orders, MAX_PENDING_ORDERS)
      await stays.placed(a.user.accessToken, elsewhere.homestay.id, day(10), day(15));
    });

    it('no double booking: 10 concurrent overlapping orders from two API processes → exactly one 201', async () => {
      const second = await startApp({ ...env, WORKERS_ENABLED: 'false' });
      try {
        const { homestay } = await stays.host();
        const guests = await Promise.all(Array.from({ length: 10 }, () => stays.guest()));
        const results = await Promise.all(
          guests.map((g, i) =>
            (i % 2 ? second.http : t.http).post(
              '/v1/orders',
              { homestayId: homestay.id, checkIn: day(40 + (i % 3)), checkOut: day(44), guests: 1 },
              { token: g.user.accessToken },
            ),
          ),
        );
        expect(tally(results)).toEqual({ '201': 1, '409 DATES_UNAVAILABLE': 9 });
        const [rows] = await db.query(
          "SELECT COUNT(*) AS n FROM orders WHERE homestay_id = ? AND status <> 'cancelled'",
          [uuidToBuffer(homestay.id)],
        );
        expect(Number((rows as Array<{ n: number }>)[0].n)).toBe(1);
      } finally {
        await second.close();
      }
    });

    it('concurrent non-overlapping orders of one homestay all succeed', async () => {
      const { homestay } = await stays.host();
      const guests = await Promise.all(Array.from({ length: 8 }, () => stays.guest()));
      const results = await Promise.all(
        guests.map((g, i) =>
          stays.order(g.user.accessToken, {
            homestayId: homestay.id,
            checkIn: day(50 + 2 * i),
            checkOut: day(52 + 2 * i),
            guests: 1,
          }),
        ),
      );
      expect(tally(results)).toEqual({ '201': 8 });
    });

    describe('MAX_PENDING_ORDERS (default 3): no holding dates without paying', () => {
      const pendingOf = async (guestId: string): Promise<number> => {
        const [rows] = await db.query(
          "SELECT COUNT(*) AS n FROM orders WHERE guest_id = ? AND status = 'pending_payment'",
          [uuidToBuffer(guestId)],
        );
        return Number((rows as Array<{ n: number }>)[0].n);
      };

      it('a 4th unpaid order → 422 PENDING_ORDER_LIMIT; paying or cancelling one frees a place', async () => {
        const host = await stays.host({ maxGuests: 2 });
        const guest = await stays.guest();
        const token = guest.user.accessToken;
        const orders: Order[] = [];
        for (let i = 0; i < 3; i++)
          orders.push(await stays.placed(token, host.homestay.id, day(100 + i), day(101 + i)));
        const fourth = {
          homestayId: host.homestay.id,
          checkIn: day(110),
          checkOut: day(140),
          guests: 1,
        };
        const refused = await stays.order(token, fourth);
        expectProblem(refused, 422, 'PENDING_ORDER_LIMIT');
        expect(refused.body.detail).toMatch(/3 orders awaiting payment/);
        // The request's own errors come first: an unknown homestay is still 404, too many guests 422 GUESTS_EXCEED_CAPACITY.
        expectProblem(
          await stays.order(token, { ...fourth, homestayId: MISSING_ID }),
          404,
          'NOT_FOUND',
        );
        expectProblem(
          await stays.order(token, { ...fourth, guests: 3 }),
          422,
          'GUESTS_EXCEED_CAPACITY',
        );
        // Another guest is not affected.
        const other = await stays.guest();
        await stays.placed(other.user.accessToken, host.homestay.id, day(200), day(201));

        expect((await stays.pay(token, orders[0].id, guest.account.id)).status).toBe(200);
        const afterPaying = await stays.placed(token, host.homestay.id, day(110), day(111));
        expectProblem(
          await stays.order(token, { ...fourth, checkIn: day(120), checkOut: day(121) }),
          422,
          'PENDING_ORDER_LIMIT',
        );
        expect((await stays.cancel(token, afterPaying.id)).status).toBe(200);
        await stays.placed(token, host.homestay.id, day(120), day(121));
        expect(await pendingOf(guest.user.id)).toBe(3);
      });

      it('race: 12 parallel orders by one guest (two API processes, different homestays and dates) → exactly 3 placed', async () => {
        const second = await startApp({ ...env, WORKERS_ENABLED: 'false' });
        try {
          const homestays = await Promise.all(Array.from({ length: 4 }, () => stays.host()));
          const guest = await stays.guest();
          const results = await Promise.all(
            Array.from({ length: 12 }, (_, i) =>
              (i % 2 ? second.http : t.http).post(
                '/v1/orders',
                {
                  homestayId: homestays[i % 4].homestay.id,
                  checkIn: day(150 + 2 * i),
                  checkOut: day(151 + 2 * i),
                  guests: 1,
                },
                { token: guest.user.accessToken, headers: { 'idempotency-key': newKey() } },
              ),
            ),
          );
          expect(tally(results)).toEqual({ '201': 3, '422 PENDING_ORDER_LIMIT': 9 });
          expect(await pendingOf(guest.user.id)).toBe(3);
        } finally {
          await second.close();
        }
      });
    });

    it('Idempotency-Key: a retried order replays the first answer and books once', async () => {
      const { homestay } = await stays.host();
      const guest = await stays.guest();
      const key = newKey('order');
      const body = { homestayId: homestay.id, checkIn: day(7), checkOut: day(9), guests: 1 };
      const first = await stays.order(guest.user.accessToken, body, key);
      const again = await stays.order(guest.user.accessToken, body, key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expectProblem(
        await stays.order(guest.user.accessToken, { ...body, guests: 2 }, key),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      const [rows] = await db.query('SELECT COUNT(*) AS n FROM orders WHERE homestay_id = ?', [
        uuidToBuffer(homestay.id),
      ]);
      expect(Number((rows as Array<{ n: number }>)[0].n)).toBe(1);
    });
  });

  // ───────────────────────────────────────────── paying ──
  describe('paying', () => {
    it("moves amount from the guest's account to escrow (kind payment), not to the host; marks paid, emails both with a check-in code", async () => {
      const {
        homestay,
        user: host,
        account: hostAccount,
      } = await stays.host({
        pricePerNight: 4_000,
        // Host-chosen text that must not reach anyone's mail as the platform's words.
        title: `Visit http://evil.example/refund now ${uniqueName('Cabin')}`,
      });
      const guest = await stays.guest('EUR', 50_000);
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(6));
      const escrowBefore = await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR);
      const res = await stays.pay(guest.user.accessToken, order.id, guest.account.id);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(ORDER_KEYS);
      expect(res.body).toEqual({
        ...order,
        status: 'paid',
        paidAt: expect.stringMatching(ISO),
        transferId: expect.stringMatching(UUID),
      });
      expect(await stays.get(host.accessToken, order.id)).toEqual(res.body);

      expect(await bank.balance(guest.user.accessToken, guest.account.id)).toBe(50_000 - 12_000);
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR)).toBe(escrowBefore + 12_000);
      expect(await bank.balance(host.accessToken, hostAccount.id)).toBe(0);
      const transfer = await t.http.get(`/v1/transfers/${res.body.transferId}`, {
        token: guest.user.accessToken,
      });
      expect(transfer.body).toMatchObject({
        fromAccountId: guest.account.id,
        toAccountId: SYSTEM_ACCOUNT_IDS.escrow.EUR,
        amount: 12_000,
        currency: 'EUR',
        kind: 'payment',
      });

      // The guest's code is in their email only: the database keeps an `h1:` keyed hash of it.
      const code = await checkInCodeFromMail(guest.user.email, order.id);
      expect(code).toMatch(/^\d{6}$/);
      await expectNoPlainCode(db, order.id, code);
      const mails = await eventually(
        async () => {
          const mine = readJsonl<OutboxMail>('email.jsonl').filter((m) =>
            m.text.includes(order.id),
          );
          return mine.length >= 2 ? mine : undefined;
        },
        15_000,
        'both paid emails',
      );
      const toGuest = mails.filter((m) => m.to === guest.user.email);
      const toHost = mails.filter((m) => m.to === host.email);
      expect([toGuest.length, toHost.length]).toEqual([1, 1]);
      expect(toGuest[0].text).toContain(`check-in code: ${code}`);
      expect(toGuest[0].subject).toBe(`Booking confirmed: ${day(3)} to ${day(6)}`);
      // The host's text (the title) never reaches the guest's mail, nor the host's own.
      for (const mail of [...toGuest, ...toHost]) {
        expect(`${mail.subject}\n${mail.text}`).not.toContain(homestay.title);
        expect(`${mail.subject}\n${mail.text}`).not.toMatch(/evil/i);
        expect(mail.text).toContain(homestay.id);
      }
      expect(toHost[0].text).not.toContain(code);
      expect(toHost[0].text).toContain('120.00 EUR');
    });

    it('a paid order is final: pay again → 409 ORDER_NOT_PAYABLE, cancel → 409 ORDER_NOT_CANCELLABLE; money moved once', async () => {
      const { homestay } = await stays.host({ pricePerNight: 1_000 });
      const guest = await stays.guest('EUR', 10_000);
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(4));
      expect((await stays.pay(guest.user.accessToken, order.id, guest.account.id)).status).toBe(
        200,
      );
      expectProblem(
        await stays.pay(guest.user.accessToken, order.id, guest.account.id),
        409,
        'ORDER_NOT_PAYABLE',
      );
      expectProblem(
        await stays.cancel(guest.user.accessToken, order.id),
        409,
        'ORDER_NOT_CANCELLABLE',
      );
      expect(await bank.balance(guest.user.accessToken, guest.account.id)).toBe(9_000);
      expect(await paymentsFor(db, order.id)).toBe(1);
    });

    it("refuses others' accounts (404), another currency (422 CURRENCY_MISMATCH), too little money (422), host and strangers (404)", async () => {
      const {
        homestay,
        user: host,
        account: hostAccount,
      } = await stays.host({ pricePerNight: 5_000 });
      const guest = await stays.guest('EUR', 4_999);
      const usd = await bank.open(guest.user.accessToken, 'USD');
      await bank.fund(usd.id, 100_000);
      const someone = await stays.guest('EUR', 100_000);
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(4));
      const pay = (token: string, accountId: string) => stays.pay(token, order.id, accountId);

      expectProblem(await pay(guest.user.accessToken, someone.account.id), 404, 'NOT_FOUND');
      expectProblem(await pay(guest.user.accessToken, hostAccount.id), 404, 'NOT_FOUND');
      expectProblem(await pay(guest.user.accessToken, MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await pay(guest.user.accessToken, usd.id), 422, 'CURRENCY_MISMATCH');
      expectProblem(await pay(guest.user.accessToken, guest.account.id), 422, 'INSUFFICIENT_FUNDS');
      expectProblem(await pay(host.accessToken, hostAccount.id), 404, 'NOT_FOUND');
      expectProblem(await pay(someone.user.accessToken, someone.account.id), 404, 'NOT_FOUND');
      expectProblem(
        await stays.pay(guest.user.accessToken, MISSING_ID, guest.account.id),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.post(
          `/v1/orders/${order.id}/pay`,
          { accountId: 'x' },
          { token: guest.user.accessToken },
        ),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.post(
          `/v1/orders/${order.id}/pay`,
          { accountId: guest.account.id, amount: 1 },
          { token: guest.user.accessToken },
        ),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.post(`/v1/orders/${order.id}/pay`, { accountId: guest.account.id }),
        401,
        'UNAUTHENTICATED',
      );

      // Nothing was half-applied: still pending, no money moved.
      expect((await stays.get(guest.user.accessToken, order.id)).status).toBe('pending_payment');
      expect(await paymentsFor(db, order.id)).toBe(0);
      expect(await bank.balance(guest.user.accessToken, guest.account.id)).toBe(4_999);
      expect(await bank.balance(host.accessToken, hostAccount.id)).toBe(0);
      await bank.fund(guest.account.id, 1);
      expect((await pay(guest.user.accessToken, guest.account.id)).status).toBe(200);
      expect(await bank.balance(guest.user.accessToken, guest.account.id)).toBe(0);
    });

    it('Idempotency-Key: a retried payment replays the answer; money moves once', async () => {
      const { homestay } = await stays.host({ pricePerNight: 700 });
      const guest = await stays.guest('EUR', 10_000);
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(5));
      const key = newKey('pay');
      const first = await stays.pay(guest.user.accessToken, order.id, guest.account.id, key);
      const again = await stays.pay(guest.user.accessToken, order.id, guest.account.id, key);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await bank.balance(guest.user.accessToken, guest.account.id)).toBe(10_000 - 1_400);
      expect(await paymentsFor(db, order.id)).toBe(1);
    });

    it('8 concurrent payments of one order → exactly one 200, the rest 409 ORDER_NOT_PAYABLE; charged once', async () => {
      const {
        homestay,
        user: host,
        account: hostAccount,
      } = await stays.host({ pricePerNight: 2_500 });
      const guest = await stays.guest('EUR', 100_000);
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(5));
      const escrowBefore = await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          stays.pay(guest.user.accessToken, order.id, guest.account.id),
        ),
      );
      expect(tally(results)).toEqual({ '200': 1, '409 ORDER_NOT_PAYABLE': 7 });
      expect(await bank.balance(guest.user.accessToken, guest.account.id)).toBe(95_000);
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR)).toBe(escrowBefore + 5_000);
      expect(await bank.balance(host.accessToken, hostAccount.id)).toBe(0);
      expect(await paymentsFor(db, order.id)).toBe(1);
      await expectLedgerBalanced(db);
    });

    it('ledger:check fails when escrow no longer matches the paid orders', async () => {
      const { homestay } = await stays.host({ pricePerNight: 700 });
      const guest = await stays.guest('EUR', 10_000);
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(4));
      expect((await stays.pay(guest.user.accessToken, order.id, guest.account.id)).status).toBe(
        200,
      );
      const setStatus = (status: string) =>
        db.query('UPDATE orders SET status = ? WHERE id = ?', [status, uuidToBuffer(order.id)]);
      // Escrow holds the 700 while the order no longer counts as paid.
      await setStatus('cancelled');
      try {
        const check = runLedgerCheck();
        expect(check.code).toBe(1);
        expect(check.output).toMatch(/^ledger:check FAILED/m);
        expect(check.output).toMatch(/EUR: escrow holds -?\d+ but paid orders sum to \d+/);
      } finally {
        await setStatus('paid');
      }
      await expectLedgerBalanced(db);
    });
  });

  // ───────────────────────────────────────────── cancelling and listing ──
  describe('cancelling and listing', () => {
    it('the guest cancels a pending order → 200 cancelled by_guest; again → 409; host and strangers → 404; it can no longer be paid', async () => {
      const { homestay, user: host } = await stays.host();
      const guest = await stays.guest();
      const stranger = await bank.user();
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(3), day(5));
      expectProblem(await stays.cancel(host.accessToken, order.id), 404, 'NOT_FOUND');
      expectProblem(await stays.cancel(stranger.accessToken, order.id), 404, 'NOT_FOUND');
      expectProblem(await stays.cancel(guest.user.accessToken, MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await t.http.post(`/v1/orders/${order.id}/cancel`), 401, 'UNAUTHENTICATED');
      const res = await stays.cancel(guest.user.accessToken, order.id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...order,
        status: 'cancelled',
        cancelReason: 'by_guest',
        cancelledAt: expect.stringMatching(ISO),
      });
      expectProblem(
        await stays.cancel(guest.user.accessToken, order.id),
        409,
        'ORDER_NOT_CANCELLABLE',
      );
      expectProblem(
        await stays.pay(guest.user.accessToken, order.id, guest.account.id),
        409,
        'ORDER_NOT_PAYABLE',
      );
      expect(await paymentsFor(db, order.id)).toBe(0);
    });

    it("GET /v1/orders lists own orders as guest (default) or host, newest first, keyset pages; never others'", async () => {
      const host = await stays.host();
      const second = await stays.createHomestay(
        host.user.accessToken,
        homestayBody({ title: 'Second' }),
      );
      const guest = await stays.guest();
      const other = await stays.guest();
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) {
        const homestayId = i % 2 ? second.body.id : host.homestay.id;
        const order = await stays.placed(
          guest.user.accessToken,
          homestayId,
          day(60 + 3 * i),
          day(61 + 3 * i),
        );
        mine.push(order.id);
        // Paid at once: a guest may hold only MAX_PENDING_ORDERS (3) unpaid orders.
        expect((await stays.pay(guest.user.accessToken, order.id, guest.account.id)).status).toBe(
          200,
        );
      }
      const othersOrder = await stays.placed(
        other.user.accessToken,
        host.homestay.id,
        day(90),
        day(91),
      );

      const walk = async (query: string, token: string): Promise<string[]> => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const res: HttpResponse = await t.http.get(
            `/v1/orders?limit=2${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`,
            { token },
          );
          expect(res.status).toBe(200);
          for (const o of res.body.items) expect(Object.keys(o).sort()).toEqual(ORDER_KEYS);
          ids.push(...res.body.items.map((o: { id: string }) => o.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        return ids;
      };
      expect(await walk('as=guest', guest.user.accessToken)).toEqual([...mine].reverse());
      expect(await walk('', guest.user.accessToken)).toEqual([...mine].reverse());
      expect(await walk('as=host', host.user.accessToken)).toEqual([
        othersOrder.id,
        ...[...mine].reverse(),
      ]);
      expect(await walk('as=host', guest.user.accessToken)).toEqual([]);
      expect(await walk('as=guest', other.user.accessToken)).toEqual([othersOrder.id]);
      expectProblem(
        await t.http.get('/v1/orders?as=admin', { token: guest.user.accessToken }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.get('/v1/orders?cursor=zzz', { token: guest.user.accessToken }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await t.http.get('/v1/orders'), 401, 'UNAUTHENTICATED');
    });
  });

  it('OpenAPI documents every stay operation: request and response schemas, problems, auth, Idempotency-Key', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const ops: Array<[string, string, 'public' | 'auth' | 'idem']> = [
      ['/v1/homestays', 'post', 'auth'],
      ['/v1/homestays', 'get', 'public'],
      ['/v1/homestays/{id}', 'get', 'public'],
      ['/v1/homestays/{id}', 'patch', 'auth'],
      ['/v1/orders', 'post', 'idem'],
      ['/v1/orders', 'get', 'auth'],
      ['/v1/orders/{id}', 'get', 'auth'],
      ['/v1/orders/{id}/pay', 'post', 'idem'],
      ['/v1/orders/{id}/cancel', 'post', 'auth'],
      ['/v1/orders/{id}/refund', 'post', 'idem'],
      ['/v1/orders/{id}/check-in', 'post', 'auth'],
    ];
    for (const [path, method, access] of ops) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, documented: Boolean(op) }).toEqual({ path, method, documented: true });
      const success = Object.entries(op.responses).find(([status]) =>
        status.startsWith('2'),
      )?.[1] as any;
      expect(success.content['application/json'].schema.$ref).toMatch(
        /(Homestay|Order)(Page)?Response$/,
      );
      const problem = Object.entries(op.responses).find(([status]) =>
        status.startsWith('4'),
      )?.[1] as any;
      expect(problem.content['application/problem+json'].schema.$ref).toBe(
        '#/components/schemas/ProblemResponse',
      );
      expect({ path, method, security: op.security }).toEqual({
        path,
        method,
        security: access === 'public' ? [] : [{ bearer: [] }],
      });
      const idem = (op.parameters ?? []).some(
        (p: { name: string }) => p.name === 'Idempotency-Key',
      );
      expect({ path, method, idem }).toEqual({ path, method, idem: access === 'idem' });
    }
    const order = doc.components.schemas.OrderResponse;
    expect(Object.keys(order.properties).sort()).toEqual(ORDER_KEYS);
    expect(Object.keys(doc.components.schemas.HomestayResponse.properties).sort()).toEqual(
      HOMESTAY_KEYS,
    );
    expect(Object.keys(doc.paths['/v1/orders/{id}/pay'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '409', '422']),
    );
  });

  it('the ledger stays consistent after everything above: ledger:check OK with the counts in the database, each currency summing to 0, one payment transfer per order ever paid', async () => {
    const report = await expectLedgerBalanced(db);
    expect(report.transfers).toBeGreaterThan(0);
    // Paid, then maybe settled (checked in, refunded, no-show) by this or another suite of the run.
    const [[paid]] = (await db.query(
      `SELECT COUNT(*) AS orders, COUNT(t.id) AS matching,
              (SELECT COUNT(*) FROM transfers WHERE kind = 'payment') AS payments
       FROM orders o LEFT JOIN transfers t
         ON t.id = o.transfer_id AND t.kind = 'payment' AND t.amount = o.amount AND t.currency = o.currency
       WHERE o.status IN ('paid', 'checked_in', 'refunded', 'no_show')`,
    )) as any;
    expect(Number(paid.orders)).toBeGreaterThan(0);
    expect({ matching: Number(paid.matching), payments: Number(paid.payments) }).toEqual({
      matching: Number(paid.orders),
      payments: Number(paid.orders),
    });
  });
});

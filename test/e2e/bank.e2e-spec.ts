import type { Connection } from 'mysql2/promise';
import { HttpResponse, startApp, TestApp } from '../support/app';
import {
  Account,
  ACCOUNT_KEYS,
  adminEnv,
  Bank,
  ENTRY_KEYS,
  insertClaim,
  ISO,
  loginAdmin,
  newKey,
  outboxRowsFor,
  pool,
  expectLedgerBalanced,
  scalar,
  SYSTEM_ACCOUNT_IDS,
  tally,
  TRANSFER_KEYS,
  transfersWithNote,
  uniqueNote,
  UUID,
} from '../support/bank';
import { requestHash, scopeHash } from '@infra/http/idempotency/request-fingerprint';
import { connectDb, uuidToBuffer } from '../support/db';
import { eventually } from '../support/outbox';
import { untilLockWaits } from '../support/wait';
import { expectProblem, RegisteredUser } from '../support/factories';

const MAX_AMOUNT = 1_000_000_000_000;
const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';

/** Newest first, each entry's balanceAfter follows from the next (older) one: an unbroken chain. */
function expectBalanceChain(
  entries: Array<{ amount: number; balanceAfter: number }>,
  finalBalance: number,
): void {
  expect(entries[0]?.balanceAfter).toBe(finalBalance);
  for (let i = 0; i + 1 < entries.length; i++) {
    expect({ i, previousBalanceAfter: entries[i + 1].balanceAfter }).toEqual({
      i,
      previousBalanceAfter: entries[i].balanceAfter - entries[i].amount,
    });
  }
  expect(entries[entries.length - 1].balanceAfter - entries[entries.length - 1].amount).toBe(0);
}

describe('Bank (ledger)', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let admin: { id: string; accessToken: string };
  const env = adminEnv();

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(env), connectDb()]);
    admin = await loginAdmin(t.http, env);
    bank = new Bank(t.http, admin.accessToken);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  // ───────────────────────────────────────────── accounts ──
  describe('accounts', () => {
    it('POST /v1/accounts opens one account per currency with balance 0 and exactly the Account fields', async () => {
      const u = await bank.user();
      for (const currency of ['USD', 'EUR', 'CNY'] as const) {
        const res = await t.http.post('/v1/accounts', { currency }, { token: u.accessToken });
        expect(res.status).toBe(201);
        expect(Object.keys(res.body).sort()).toEqual(ACCOUNT_KEYS);
        expect(res.body).toEqual({
          id: expect.stringMatching(UUID),
          ownerId: u.id,
          currency,
          balance: 0,
          createdAt: expect.stringMatching(ISO),
        });
      }
      const list = await t.http.get('/v1/accounts', { token: u.accessToken });
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items.map((a: Account) => a.currency).sort()).toEqual(['CNY', 'EUR', 'USD']);
      for (const a of list.body.items) expect(Object.keys(a).sort()).toEqual(ACCOUNT_KEYS);
    });

    it('a second account in the same currency → 409 ACCOUNT_EXISTS', async () => {
      const u = await bank.user();
      await bank.open(u.accessToken, 'USD');
      expectProblem(
        await t.http.post('/v1/accounts', { currency: 'USD' }, { token: u.accessToken }),
        409,
        'ACCOUNT_EXISTS',
      );
      const [rows] = await db.query('SELECT COUNT(*) AS n FROM accounts WHERE owner_id = ?', [
        uuidToBuffer(u.id),
      ]);
      expect(Number((rows as any)[0].n)).toBe(1);
    });

    it('5 parallel opens in one currency → exactly one 201, the rest 409 ACCOUNT_EXISTS', async () => {
      const u = await bank.user();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.http.post('/v1/accounts', { currency: 'EUR' }, { token: u.accessToken }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of results.filter((r) => r.status !== 201))
        expectProblem(r, 409, 'ACCOUNT_EXISTS');
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM accounts WHERE owner_id = ?', [uuidToBuffer(u.id)]),
      ).toBe(1);
    });

    it.each([
      ['an unknown currency', { currency: 'GBP' }, 'currency'],
      ['a lowercase currency', { currency: 'usd' }, 'currency'],
      ['a missing currency', {}, 'currency'],
      ['a non-string currency', { currency: 1 }, 'currency'],
      ['extra fields (no mass assignment)', { currency: 'USD', balance: 1000 }, 'balance'],
      ['an ownerId', { currency: 'USD', ownerId: MISSING_ID }, 'ownerId'],
    ])('%s → 400 VALIDATION_FAILED', async (_name, body, field) => {
      const u = await bank.user();
      const res = await t.http.post('/v1/accounts', body, { token: u.accessToken });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await t.http.get('/v1/accounts', { token: u.accessToken })).body.items).toEqual([]);
    });

    it('needs a token → 401', async () => {
      expectProblem(await t.http.post('/v1/accounts', { currency: 'USD' }), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get('/v1/accounts'), 401, 'UNAUTHENTICATED');
    });

    it('GET /v1/accounts lists only own accounts', async () => {
      const a = await bank.user();
      const b = await bank.user();
      const mine = await bank.open(a.accessToken, 'CNY');
      await bank.open(b.accessToken, 'CNY');
      const res = await t.http.get('/v1/accounts', { token: a.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [mine], nextCursor: null });
    });

    it('GET /v1/accounts/:id: owner 200, another user 404, admin 200, malformed or unknown id 404', async () => {
      const a = await bank.user();
      const b = await bank.user();
      const acc = await bank.open(a.accessToken, 'USD');
      const own = await t.http.get(`/v1/accounts/${acc.id}`, { token: a.accessToken });
      expect(own.status).toBe(200);
      expect(own.body).toEqual(acc);
      expectProblem(
        await t.http.get(`/v1/accounts/${acc.id}`, { token: b.accessToken }),
        404,
        'NOT_FOUND',
      );
      const asAdmin = await t.http.get(`/v1/accounts/${acc.id}`, { token: admin.accessToken });
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body).toEqual(acc);
      for (const id of ['not-an-id', '12345', `${acc.id}x`, MISSING_ID]) {
        expectProblem(
          await t.http.get(`/v1/accounts/${id}`, { token: a.accessToken }),
          404,
          'NOT_FOUND',
        );
      }
      expectProblem(
        await t.http.get(`/v1/accounts/${acc.id}/entries`, { token: b.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.get('/v1/accounts/nope/entries', { token: a.accessToken }),
        404,
        'NOT_FOUND',
      );
    });
  });

  // ───────────────────────────────────────────── deposits ──
  describe('deposits', () => {
    let owner: RegisteredUser;
    let acc: Account;

    beforeAll(async () => {
      owner = await bank.user();
      acc = await bank.open(owner.accessToken, 'EUR');
    });

    it('admin only: a user → 403 FORBIDDEN (even on their own account), no token → 401', async () => {
      const res = await t.http.post(
        `/v1/accounts/${acc.id}/deposits`,
        { amount: 100 },
        { token: owner.accessToken },
      );
      expectProblem(res, 403, 'FORBIDDEN');
      expectProblem(
        await t.http.post(`/v1/accounts/${acc.id}/deposits`, { amount: 100 }),
        401,
        'UNAUTHENTICATED',
      );
      expect(await bank.balance(owner.accessToken, acc.id)).toBe(0);
    });

    it('201 Transfer of kind deposit from the system cash account; balance and entries follow', async () => {
      const res = await bank.deposit(acc.id, 12_345);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(TRANSFER_KEYS);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        fromAccountId: SYSTEM_ACCOUNT_IDS.cash.EUR,
        toAccountId: acc.id,
        amount: 12_345,
        currency: 'EUR',
        note: null,
        kind: 'deposit',
        createdAt: expect.stringMatching(ISO),
      });
      expect(await bank.balance(owner.accessToken, acc.id)).toBe(12_345);
      const entries = await bank.allEntries(owner.accessToken, acc.id);
      expect(entries).toEqual([
        {
          id: expect.stringMatching(UUID),
          accountId: acc.id,
          transferId: res.body.id,
          amount: 12_345,
          balanceAfter: 12_345,
          createdAt: expect.stringMatching(ISO),
        },
      ]);
      const [rows] = await db.query(
        'SELECT account_id, amount FROM entries WHERE transfer_id = ? ORDER BY amount',
        [uuidToBuffer(res.body.id)],
      );
      expect((rows as any[]).map((r) => [r.account_id.toString('hex'), Number(r.amount)])).toEqual([
        [SYSTEM_ACCOUNT_IDS.cash.EUR.replace(/-/g, ''), -12_345],
        [acc.id.replace(/-/g, ''), 12_345],
      ]);
      const outbox = await outboxRowsFor(db, res.body.id);
      expect(outbox).toEqual([
        {
          type: 'bank.money-transferred',
          payload: expect.objectContaining({
            transferId: res.body.id,
            amount: 12_345,
            kind: 'deposit',
          }),
        },
      ]);
    });

    it.each([
      ['0', 0],
      ['negative', -5],
      ['a fraction', 1.5],
      ['a numeric string', '100'],
      ['over 10^12', MAX_AMOUNT + 1],
      ['null', null],
      ['missing', undefined],
    ])('amount %s → 400 VALIDATION_FAILED, nothing moves', async (_name, amount) => {
      const before = await bank.balance(owner.accessToken, acc.id);
      const res = await bank.deposit(acc.id, amount);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('amount');
      expect(await bank.balance(owner.accessToken, acc.id)).toBe(before);
    });

    it('extra fields → 400; amount 10^12 exactly is accepted', async () => {
      expectProblem(
        await t.http.post(
          `/v1/accounts/${acc.id}/deposits`,
          { amount: 1, currency: 'EUR' },
          { token: admin.accessToken },
        ),
        400,
        'VALIDATION_FAILED',
      );
      const other = await bank.user();
      const big = await bank.open(other.accessToken, 'CNY');
      const res = await bank.deposit(big.id, MAX_AMOUNT);
      expect(res.status).toBe(201);
      expect(res.body.amount).toBe(MAX_AMOUNT);
      expect(await bank.balance(other.accessToken, big.id)).toBe(MAX_AMOUNT);
    });

    it('unknown, malformed or system account → 404', async () => {
      expectProblem(await bank.deposit(MISSING_ID, 100), 404, 'NOT_FOUND');
      expectProblem(await bank.deposit('not-an-id', 100), 404, 'NOT_FOUND');
      expectProblem(await bank.deposit(SYSTEM_ACCOUNT_IDS.cash.USD, 100), 404, 'NOT_FOUND');
    });
  });

  // ───────────────────────────────────────────── transfers ──
  describe('transfers', () => {
    let alice: RegisteredUser;
    let bob: RegisteredUser;
    let stranger: RegisteredUser;
    let aUsd: Account;
    let aEur: Account;
    let bUsd: Account;
    let bEur: Account;

    beforeAll(async () => {
      const a = await bank.userWithAccounts({ USD: 1_000, EUR: 500 });
      const b = await bank.userWithAccounts({ USD: 0, EUR: 0 });
      [alice, aUsd, aEur] = [a.user, a.acc.USD!, a.acc.EUR!];
      [bob, bUsd, bEur] = [b.user, b.acc.USD!, b.acc.EUR!];
      stranger = await bank.user();
    });

    it('201 Transfer (kind transfer), two entries (−amount/+amount with balanceAfter), visible to both sides and admin, 404 to a stranger', async () => {
      const note = uniqueNote('rent');
      const res = await bank.transfer(alice.accessToken, {
        fromAccountId: aUsd.id,
        toAccountId: bUsd.id,
        amount: 250,
        currency: 'USD',
        note,
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(TRANSFER_KEYS);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        fromAccountId: aUsd.id,
        toAccountId: bUsd.id,
        amount: 250,
        currency: 'USD',
        note,
        kind: 'transfer',
        createdAt: expect.stringMatching(ISO),
      });
      const transfer = res.body;
      expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(750);
      expect(await bank.balance(bob.accessToken, bUsd.id)).toBe(250);

      const aEntries = await bank.allEntries(alice.accessToken, aUsd.id);
      expect(Object.keys(aEntries[0]).sort()).toEqual(ENTRY_KEYS);
      expect(aEntries[0]).toEqual({
        id: expect.stringMatching(UUID),
        accountId: aUsd.id,
        transferId: transfer.id,
        amount: -250,
        balanceAfter: 750,
        createdAt: expect.stringMatching(ISO),
      });
      const bEntries = await bank.allEntries(bob.accessToken, bUsd.id);
      expect(bEntries).toEqual([
        {
          id: expect.stringMatching(UUID),
          accountId: bUsd.id,
          transferId: transfer.id,
          amount: 250,
          balanceAfter: 250,
          createdAt: expect.stringMatching(ISO),
        },
      ]);

      for (const token of [alice.accessToken, bob.accessToken, admin.accessToken]) {
        const got = await t.http.get(`/v1/transfers/${transfer.id}`, { token });
        expect(got.status).toBe(200);
        expect(got.body).toEqual(transfer);
      }
      expectProblem(
        await t.http.get(`/v1/transfers/${transfer.id}`, { token: stranger.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.get(`/v1/transfers/${MISSING_ID}`, { token: alice.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.get('/v1/transfers/xyz', { token: alice.accessToken }),
        404,
        'NOT_FOUND',
      );

      expect(await outboxRowsFor(db, transfer.id)).toEqual([
        {
          type: 'bank.money-transferred',
          payload: expect.objectContaining({
            transferId: transfer.id,
            fromAccountId: aUsd.id,
            toAccountId: bUsd.id,
            amount: 250,
            currency: 'USD',
            kind: 'transfer',
          }),
        },
      ]);
    });

    it('entries: newest first, keyset pages of limit=2 walk every entry exactly once until nextCursor is null', async () => {
      const { user: u, acc } = await bank.userWithAccounts({ CNY: 1_000 });
      const v = await bank.userWithAccounts({ CNY: 0 });
      for (const amount of [100, 200, 300, 50]) {
        const r = await bank.transfer(u.accessToken, {
          fromAccountId: acc.CNY!.id,
          toAccountId: v.acc.CNY!.id,
          amount,
          currency: 'CNY',
        });
        expect(r.status).toBe(201);
      }
      const all = await bank.allEntries(u.accessToken, acc.CNY!.id);
      expect(all.map((e) => e.amount)).toEqual([-50, -300, -200, -100, 1_000]);
      expect(all.map((e) => e.balanceAfter)).toEqual([350, 400, 700, 900, 1_000]);
      expectBalanceChain(all, 350);

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const url: string = `/v1/accounts/${acc.CNY!.id}/entries?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await t.http.get(url, { token: u.accessToken });
        expect(res.status).toBe(200);
        pageSizes.push(res.body.items.length);
        seen.push(...res.body.items.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
        if (cursor === null) break;
        expect(typeof cursor).toBe('string');
      }
      expect(pageSizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(all.map((e) => e.id));
      expect(new Set(seen).size).toBe(5);

      // the admin sees the same entries
      expect(await bank.allEntries(admin.accessToken, acc.CNY!.id)).toEqual(all);
    });

    it('entries: bad cursor and limit out of 1..100 → 400', async () => {
      const url = `/v1/accounts/${aUsd.id}/entries`;
      const bad = [
        '?cursor=garbage!!',
        `?cursor=${Buffer.from('{"id":"nope"}').toString('base64url')}`,
        `?cursor=${Buffer.from('[1,2]').toString('base64url')}`,
        '?limit=0',
        '?limit=101',
        '?limit=-1',
        '?limit=abc',
        '?limit=1.5',
      ];
      for (const q of bad) {
        const res = await t.http.get(url + q, { token: alice.accessToken });
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
      for (const q of ['?limit=1', '?limit=100'])
        expect((await t.http.get(url + q, { token: alice.accessToken })).status).toBe(200);
    });

    it('fromAccountId not owned by the caller → 404 NOT_FOUND, nothing moves', async () => {
      const note = uniqueNote();
      const res = await bank.transfer(stranger.accessToken, {
        fromAccountId: aUsd.id,
        toAccountId: bUsd.id,
        amount: 1,
        currency: 'USD',
        note,
      });
      expectProblem(res, 404, 'NOT_FOUND');
      expectProblem(
        await bank.transfer(alice.accessToken, {
          fromAccountId: MISSING_ID,
          toAccountId: bUsd.id,
          amount: 1,
          currency: 'USD',
          note,
        }),
        404,
        'NOT_FOUND',
      );
      expect(await transfersWithNote(db, note)).toEqual([]);
    });

    it('unknown toAccountId → 404 NOT_FOUND', async () => {
      const before = await bank.balance(alice.accessToken, aUsd.id);
      expectProblem(
        await bank.transfer(alice.accessToken, {
          fromAccountId: aUsd.id,
          toAccountId: MISSING_ID,
          amount: 1,
          currency: 'USD',
        }),
        404,
        'NOT_FOUND',
      );
      expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before);
    });

    it.each(['cash', 'escrow', 'revenue', 'clearing'] as const)(
      'the %s system account as toAccountId or fromAccountId → 404 NOT_FOUND, nothing moves',
      async (role) => {
        const system = SYSTEM_ACCOUNT_IDS[role].USD;
        const note = uniqueNote(`system-${role}`);
        const before = await bank.balance(alice.accessToken, aUsd.id);
        const systemBalance = async (): Promise<number> => {
          const [rows] = await db.query(
            'SELECT balance FROM accounts WHERE id = UNHEX(REPLACE(?, "-", ""))',
            [system],
          );
          return Number((rows as Array<{ balance: number | string }>)[0].balance);
        };
        const systemBefore = await systemBalance();
        for (const [fromAccountId, toAccountId] of [
          [aUsd.id, system],
          [system, aUsd.id],
        ])
          expectProblem(
            await bank.transfer(
              alice.accessToken,
              { fromAccountId, toAccountId, amount: 1, currency: 'USD', note },
              newKey(),
            ),
            404,
            'NOT_FOUND',
          );
        expect(await transfersWithNote(db, note)).toEqual([]);
        expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before);
        expect(await systemBalance()).toBe(systemBefore);
      },
    );

    it('same account → 422 SAME_ACCOUNT', async () => {
      expectProblem(
        await bank.transfer(alice.accessToken, {
          fromAccountId: aUsd.id,
          toAccountId: aUsd.id,
          amount: 1,
          currency: 'USD',
        }),
        422,
        'SAME_ACCOUNT',
      );
    });

    it('currency field differing from the accounts, or accounts of different currencies → 422 CURRENCY_MISMATCH', async () => {
      const note = uniqueNote();
      const before = [
        await bank.balance(alice.accessToken, aUsd.id),
        await bank.balance(alice.accessToken, aEur.id),
      ];
      const cases = [
        { fromAccountId: aUsd.id, toAccountId: bUsd.id, amount: 10, currency: 'EUR', note },
        { fromAccountId: aUsd.id, toAccountId: bEur.id, amount: 10, currency: 'USD', note },
        { fromAccountId: aUsd.id, toAccountId: bEur.id, amount: 10, currency: 'EUR', note },
        { fromAccountId: aEur.id, toAccountId: bUsd.id, amount: 10, currency: 'EUR', note },
        { fromAccountId: aUsd.id, toAccountId: aEur.id, amount: 10, currency: 'USD', note },
      ];
      for (const body of cases)
        expectProblem(await bank.transfer(alice.accessToken, body), 422, 'CURRENCY_MISMATCH');
      expect([
        await bank.balance(alice.accessToken, aUsd.id),
        await bank.balance(alice.accessToken, aEur.id),
      ]).toEqual(before);
      expect(await transfersWithNote(db, note)).toEqual([]);
    });

    it('more than the balance → 422 INSUFFICIENT_FUNDS and nothing changes (balances, entries, transfers, outbox)', async () => {
      const note = uniqueNote();
      const balance = await bank.balance(alice.accessToken, aEur.id);
      const entries = await bank.allEntries(alice.accessToken, aEur.id);
      const outbox = await scalar(db, 'SELECT COUNT(*) FROM outbox');
      const res = await bank.transfer(alice.accessToken, {
        fromAccountId: aEur.id,
        toAccountId: bEur.id,
        amount: balance + 1,
        currency: 'EUR',
        note,
      });
      expectProblem(res, 422, 'INSUFFICIENT_FUNDS');
      expect(res.body.instance).toBe('/v1/transfers');
      expect(await bank.balance(alice.accessToken, aEur.id)).toBe(balance);
      expect(await bank.balance(bob.accessToken, bEur.id)).toBe(0);
      expect(await bank.allEntries(alice.accessToken, aEur.id)).toEqual(entries);
      expect(await transfersWithNote(db, note)).toEqual([]);
      expect(await scalar(db, 'SELECT COUNT(*) FROM outbox')).toBe(outbox);
      // the whole balance is fine
      const all = await bank.transfer(alice.accessToken, {
        fromAccountId: aEur.id,
        toAccountId: bEur.id,
        amount: balance,
        currency: 'EUR',
      });
      expect(all.status).toBe(201);
      expect(await bank.balance(alice.accessToken, aEur.id)).toBe(0);
      expectProblem(
        await bank.transfer(alice.accessToken, {
          fromAccountId: aEur.id,
          toAccountId: bEur.id,
          amount: 1,
          currency: 'EUR',
        }),
        422,
        'INSUFFICIENT_FUNDS',
      );
    });

    it.each([
      ['amount 0', { amount: 0 }, 'amount'],
      ['negative amount', { amount: -1 }, 'amount'],
      ['fractional amount', { amount: 1.5 }, 'amount'],
      ['string amount', { amount: '100' }, 'amount'],
      ['amount over 10^12', { amount: MAX_AMOUNT + 1 }, 'amount'],
      ['lowercase currency', { currency: 'usd' }, 'currency'],
      ['unknown currency', { currency: 'GBP' }, 'currency'],
      ['malformed toAccountId', { toAccountId: 'acc-1' }, 'toAccountId'],
      ['a note over 200 chars', { note: 'x'.repeat(201) }, 'note'],
      ['an unknown field', { kind: 'deposit' }, 'kind'],
    ])('%s → 400 VALIDATION_FAILED', async (_name, patch, field) => {
      const body = {
        fromAccountId: aUsd.id,
        toAccountId: bUsd.id,
        amount: 1,
        currency: 'USD',
        ...patch,
      };
      const res = await bank.transfer(alice.accessToken, body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('missing fields → 400 with one entry per field; no token → 401', async () => {
      const res = await bank.transfer(alice.accessToken, {});
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['fromAccountId', 'toAccountId', 'amount', 'currency']),
      );
      expectProblem(
        await t.http.post('/v1/transfers', {
          fromAccountId: aUsd.id,
          toAccountId: bUsd.id,
          amount: 1,
          currency: 'USD',
        }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  // ───────────────────────────────────────────── concurrency ──
  describe('concurrency (real parallel HTTP requests)', () => {
    it('20 concurrent A→B transfers are each applied exactly once', async () => {
      const a = await bank.userWithAccounts({ USD: 10_000 });
      const b = await bank.userWithAccounts({ USD: 0 });
      const note = uniqueNote('par');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          bank.transfer(a.user.accessToken, {
            fromAccountId: a.acc.USD!.id,
            toAccountId: b.acc.USD!.id,
            amount: 100 + i,
            currency: 'USD',
            note,
          }),
        ),
      );
      expect(tally(results)).toEqual({ '201': 20 });
      const total = Array.from({ length: 20 }, (_, i) => 100 + i).reduce((s, x) => s + x, 0);
      expect(await bank.balance(a.user.accessToken, a.acc.USD!.id)).toBe(10_000 - total);
      expect(await bank.balance(b.user.accessToken, b.acc.USD!.id)).toBe(total);
      const ids = await transfersWithNote(db, note);
      expect(ids.sort()).toEqual(results.map((r) => r.body.id).sort());
      expect(
        await scalar(
          db,
          'SELECT COUNT(*) FROM entries e JOIN transfers t ON t.id = e.transfer_id WHERE t.note = ?',
          [note],
        ),
      ).toBe(40);
      expect(
        await scalar(
          db,
          `SELECT COUNT(*) FROM outbox o JOIN transfers t ON t.id = o.aggregate_id WHERE t.note = ? AND o.type = 'bank.money-transferred'`,
          [note],
        ),
      ).toBe(20);
      // the API's entry lists agree with the balances
      const bEntries = await bank.allEntries(b.user.accessToken, b.acc.USD!.id);
      expect(bEntries).toHaveLength(20);
      expect(bEntries.reduce((s, e) => s + e.amount, 0)).toBe(total);
      expect(new Set(bEntries.map((e) => e.balanceAfter)).size).toBe(20);
    });

    it('entries stay newest first (an unbroken balanceAfter chain) when transfers commit within the same millisecond', async () => {
      const a = await bank.userWithAccounts({ EUR: 100_000 });
      const b = await bank.userWithAccounts({ EUR: 0 });
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          bank.transfer(a.user.accessToken, {
            fromAccountId: a.acc.EUR!.id,
            toAccountId: b.acc.EUR!.id,
            amount: 1 + i,
            currency: 'EUR',
          }),
        ),
      );
      expect(tally(results)).toEqual({ '201': 30 });
      const entries = await bank.allEntries(b.user.accessToken, b.acc.EUR!.id);
      expectBalanceChain(entries, await bank.balance(b.user.accessToken, b.acc.EUR!.id));
    });

    it('100 alternating A→B / B→A transfers: all 201 (no deadlock leaks), balances unchanged', async () => {
      const a = await bank.userWithAccounts({ CNY: 5_000 });
      const b = await bank.userWithAccounts({ CNY: 5_000 });
      const note = uniqueNote('alt');
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          i % 2 === 0
            ? bank.transfer(a.user.accessToken, {
                fromAccountId: a.acc.CNY!.id,
                toAccountId: b.acc.CNY!.id,
                amount: 37,
                currency: 'CNY',
                note,
              })
            : bank.transfer(b.user.accessToken, {
                fromAccountId: b.acc.CNY!.id,
                toAccountId: a.acc.CNY!.id,
                amount: 37,
                currency: 'CNY',
                note,
              }),
        ),
      );
      expect(tally(results)).toEqual({ '201': 100 });
      expect(await bank.balance(a.user.accessToken, a.acc.CNY!.id)).toBe(5_000);
      expect(await bank.balance(b.user.accessToken, b.acc.CNY!.id)).toBe(5_000);
      expect(await transfersWithNote(db, note)).toHaveLength(100);
    });

    it('Jepsen-style: ~500 random transfers (some keyed, some overdrawing, deposits mixed in) among 10 accounts at concurrency 32 keep every ledger invariant', async () => {
      const FUNDING = 10_000;
      const owners = await Promise.all(
        Array.from({ length: 5 }, () => bank.userWithAccounts({ USD: FUNDING, EUR: FUNDING })),
      );
      const accounts = owners.flatMap((o) =>
        (['USD', 'EUR'] as const).map((c) => ({ token: o.user.accessToken, account: o.acc[c]! })),
      );
      expect(accounts).toHaveLength(10);
      const note = uniqueNote('jepsen');
      // mulberry32: a small seeded PRNG, so a failing run can be replayed
      let seed = 20_251_122;
      const random = (n: number): number => {
        seed = (seed + 0x6d2b79f5) | 0;
        let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4_294_967_296) * n);
      };
      type Op =
        | {
            kind: 'transfer';
            from: (typeof accounts)[number];
            body: Record<string, unknown>;
            key?: string;
          }
        | { kind: 'deposit'; accountId: string; amount: number; key?: string };
      const plan: Op[] = Array.from({ length: 520 }, (): Op => {
        const key = random(3) === 0 ? newKey('jep') : undefined;
        if (random(26) === 0)
          return {
            kind: 'deposit',
            accountId: accounts[random(10)].account.id,
            amount: 1 + random(2_000),
            key,
          };
        const from = accounts[random(10)];
        const peers = accounts.filter(
          (x) => x.account.currency === from.account.currency && x.account.id !== from.account.id,
        );
        const to = peers[random(peers.length)];
        // mostly small amounts, every 7th one large enough to overdraw often
        const amount = random(7) === 0 ? 5_000 + random(15_000) : 1 + random(1_000);
        return {
          kind: 'transfer',
          from,
          key,
          body: {
            fromAccountId: from.account.id,
            toAccountId: to.account.id,
            amount,
            currency: from.account.currency,
            note,
          },
        };
      });
      const send = (op: Op) =>
        op.kind === 'deposit'
          ? bank.deposit(op.accountId, op.amount, op.key)
          : bank.transfer(op.from.token, op.body, op.key);

      const started = Date.now();
      const results = await pool(plan.length, 32, (i) => send(plan[i]));
      const counts = tally(results);
      expect(
        Object.keys(counts).filter((k) => k !== '201' && k !== '422 INSUFFICIENT_FUNDS'),
      ).toEqual([]);
      for (const r of results.filter((r) => r.status === 422))
        expectProblem(r, 422, 'INSUFFICIENT_FUNDS');
      expect(counts['201']).toBeGreaterThan(200);
      expect(counts['422 INSUFFICIENT_FUNDS']).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(60_000);

      const okTransferIds = results
        .filter((r, i) => r.status === 201 && plan[i].kind === 'transfer')
        .map((r) => r.body.id as string);
      const depositIds = results
        .filter((r, i) => r.status === 201 && plan[i].kind === 'deposit')
        .map((r) => r.body.id as string);
      const deposited = plan.reduce(
        (sum, op, i) => sum + (op.kind === 'deposit' && results[i].status === 201 ? op.amount : 0),
        0,
      );
      expect(depositIds.length).toBeGreaterThan(0);
      for (const [i, r] of results.entries())
        if (r.status === 201) expect({ i, kind: r.body.kind }).toEqual({ i, kind: plan[i].kind });

      // replaying every keyed request (concurrently again) answers exactly as before and moves nothing
      const keyed = plan.map((op, i) => ({ op, i })).filter(({ op }) => op.key);
      expect(keyed.length).toBeGreaterThan(100);
      const replays = await pool(keyed.length, 32, (j) => send(keyed[j].op));
      for (const [j, r] of replays.entries()) {
        const original = results[keyed[j].i];
        expect({
          j,
          status: r.status,
          replayed: r.headers.get('idempotent-replayed'),
          body: r.body,
        }).toEqual({ j, status: original.status, replayed: 'true', body: original.body });
      }

      // exactly the 201s became transfers, each with exactly two entries (−amount, +amount) and one outbox row
      expect(new Set([...okTransferIds, ...depositIds]).size).toBe(
        okTransferIds.length + depositIds.length,
      );
      expect((await transfersWithNote(db, note)).sort()).toEqual([...okTransferIds].sort());
      for (const id of depositIds)
        expect(
          await scalar(db, "SELECT COUNT(*) FROM transfers WHERE id = ? AND kind = 'deposit'", [
            uuidToBuffer(id),
          ]),
        ).toBe(1);
      const [badTransfers] = await db.query(
        `SELECT HEX(t.id) AS id, COUNT(e.id) AS n FROM transfers t LEFT JOIN entries e ON e.transfer_id = t.id
         GROUP BY t.id, t.amount HAVING n <> 2 OR SUM(e.amount) <> 0 OR SUM(e.account_id = t.from_account_id AND e.amount = -t.amount) <> 1
            OR SUM(e.account_id = t.to_account_id AND e.amount = t.amount) <> 1`,
      );
      expect(badTransfers).toEqual([]);
      expect(
        await scalar(
          db,
          `SELECT COUNT(*) FROM outbox o JOIN transfers t ON t.id = o.aggregate_id WHERE t.note = ? AND o.type = 'bank.money-transferred'`,
          [note],
        ),
      ).toBe(okTransferIds.length);

      // per currency all balances (system cash account included) sum to 0
      const [sums] = await db.query(
        'SELECT currency, SUM(balance) AS total FROM accounts GROUP BY currency',
      );
      for (const row of sums as Array<{ currency: string; total: string }>)
        expect({ currency: row.currency, total: Number(row.total) }).toEqual({
          currency: row.currency,
          total: 0,
        });
      // no user account is negative
      expect(
        await scalar(
          db,
          'SELECT COUNT(*) FROM accounts WHERE owner_id IS NOT NULL AND balance < 0',
        ),
      ).toBe(0);
      // every balance equals the sum of its entries
      const [drift] = await db.query(
        `SELECT HEX(a.id) AS id, a.balance, COALESCE(SUM(e.amount), 0) AS entries FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
         GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(e.amount), 0)`,
      );
      expect(drift).toEqual([]);
      // each account's entries, in id order (the API's "newest first" order, reversed), form an unbroken balance chain
      for (const { account } of accounts) {
        const [rows] = await db.query(
          'SELECT amount, balance_after FROM entries WHERE account_id = ? ORDER BY id',
          [uuidToBuffer(account.id)],
        );
        let running = 0;
        const breaks: number[] = [];
        (rows as Array<{ amount: number | string; balance_after: number | string }>).forEach(
          (r, i) => {
            running += Number(r.amount);
            if (running !== Number(r.balance_after)) breaks.push(i);
          },
        );
        expect({ account: account.id, breaks }).toEqual({ account: account.id, breaks: [] });
      }
      // the 10 accounts are a closed system per currency (plus the deposits), and the API agrees with the database
      const totals: Record<string, number> = {};
      for (const currency of ['USD', 'EUR'] as const) {
        let sum = 0;
        for (const { token, account } of accounts.filter((x) => x.account.currency === currency)) {
          const balance = await bank.balance(token, account.id);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBe(
            await scalar(db, 'SELECT balance FROM accounts WHERE id = ?', [
              uuidToBuffer(account.id),
            ]),
          );
          sum += balance;
        }
        totals[currency] = sum;
      }
      expect(totals.USD + totals.EUR).toBe(10 * FUNDING + deposited);
      for (const currency of ['USD', 'EUR'] as const) {
        const depositedHere = plan.reduce(
          (s, op, i) =>
            s +
            (op.kind === 'deposit' &&
            results[i].status === 201 &&
            accounts.find((x) => x.account.id === op.accountId)!.account.currency === currency
              ? op.amount
              : 0),
          0,
        );
        expect(totals[currency]).toBe(5 * FUNDING + depositedHere);
      }

      // the operator's check agrees, with the database's counts
      await expectLedgerBalanced(db);
    });
  });

  // ───────────────────────────────────────────── idempotency ──
  describe('Idempotency-Key', () => {
    let alice: RegisteredUser;
    let bob: RegisteredUser;
    let aUsd: Account;
    let bUsd: Account;

    beforeAll(async () => {
      const a = await bank.userWithAccounts({ USD: 100_000 });
      const b = await bank.userWithAccounts({ USD: 100_000 });
      [alice, aUsd] = [a.user, a.acc.USD!];
      [bob, bUsd] = [b.user, b.acc.USD!];
    });

    const body = (patch: Record<string, unknown> = {}) => ({
      fromAccountId: aUsd.id,
      toAccountId: bUsd.id,
      amount: 100,
      currency: 'USD',
      ...patch,
    });

    it('a replay returns the same status and body with Idempotent-Replayed: true, and moves no money twice', async () => {
      const key = newKey();
      const note = uniqueNote();
      const before = await bank.balance(alice.accessToken, aUsd.id);
      const first = await bank.transfer(alice.accessToken, body({ note }), key);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      // same body with the keys in another order is the same request
      const replayBody = {
        note,
        currency: 'USD',
        amount: 100,
        toAccountId: bUsd.id,
        fromAccountId: aUsd.id,
      };
      for (let i = 0; i < 2; i++) {
        const again = await bank.transfer(alice.accessToken, replayBody, key);
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.headers.get('content-type')).toMatch(/^application\/json/);
        expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expect(again.body).toEqual(first.body);
      }
      expect(await transfersWithNote(db, note)).toEqual([first.body.id]);
      expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before - 100);
      expect(await outboxRowsFor(db, first.body.id)).toEqual([
        {
          type: 'bank.money-transferred',
          payload: expect.objectContaining({ transferId: first.body.id }),
        },
      ]);
    });

    /** A replay is the first answer again: only these headers may differ (or be added). */
    const PER_RESPONSE = ['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
    function expectSameAnswer(
      first: HttpResponse,
      replay: HttpResponse,
      contentType: string,
    ): void {
      expect(replay.status).toBe(first.status);
      expect(replay.text).toBe(first.text);
      expect(replay.headers.get('content-type')).toBe(contentType);
      expect(replay.headers.get('cache-control')).toBe('no-store');
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(replay.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
      const names = (h: Headers) => [...h.keys()];
      expect(names(replay.headers)).toEqual(
        names(first.headers).concat('idempotent-replayed').sort(),
      );
      const stable = (h: Headers) =>
        [...h].filter(([name]) => !PER_RESPONSE.includes(name) && name !== 'idempotent-replayed');
      expect(stable(replay.headers)).toEqual(stable(first.headers));
    }

    it("a replay sends the stored bytes with the first answer's headers, plus Idempotent-Replayed and its own X-Request-Id", async () => {
      const key = newKey();
      const note = uniqueNote();
      const first = await bank.transfer(alice.accessToken, body({ note }), key);
      expect(first.status).toBe(201);
      expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const again = await bank.transfer(alice.accessToken, body({ note }), key);
      expectSameAnswer(first, again, 'application/json; charset=utf-8');

      // a stored refusal replays as problem+json, byte for byte (its requestId is the first one's)
      const refusedKey = newKey();
      const refused = await bank.transfer(
        alice.accessToken,
        body({ amount: 10_000_000 }),
        refusedKey,
      );
      expectProblem(refused, 422, 'INSUFFICIENT_FUNDS');
      const refusedAgain = await bank.transfer(
        alice.accessToken,
        body({ amount: 10_000_000 }),
        refusedKey,
      );
      expectSameAnswer(refused, refusedAgain, 'application/problem+json; charset=utf-8');
      expect(refusedAgain.body.requestId).toBe(refused.headers.get('x-request-id'));
    });

    it('same key with a different body → 422 IDEMPOTENCY_KEY_REUSED, nothing moves', async () => {
      const key = newKey();
      const note = uniqueNote();
      expect((await bank.transfer(alice.accessToken, body({ note }), key)).status).toBe(201);
      const before = await bank.balance(alice.accessToken, aUsd.id);
      expectProblem(
        await bank.transfer(alice.accessToken, body({ note, amount: 101 }), key),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expectProblem(
        await bank.transfer(alice.accessToken, body({ note: `${note}-x` }), key),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before);
      expect(await transfersWithNote(db, note)).toHaveLength(1);
      expect(await transfersWithNote(db, `${note}-x`)).toHaveLength(0);
    });

    it('the same key used by another user is independent', async () => {
      const key = newKey();
      const note = uniqueNote();
      const a = await bank.transfer(alice.accessToken, body({ note }), key);
      const b = await bank.transfer(
        bob.accessToken,
        { fromAccountId: bUsd.id, toAccountId: aUsd.id, amount: 100, currency: 'USD', note },
        key,
      );
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.headers.get('idempotent-replayed')).toBeNull();
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.fromAccountId).toBe(bUsd.id);
      expect((await transfersWithNote(db, note)).sort()).toEqual([a.body.id, b.body.id].sort());
    });

    it('the same key on a different route (deposits) is independent', async () => {
      const key = newKey();
      const note = uniqueNote();
      expect((await bank.transfer(alice.accessToken, body({ note }), key)).status).toBe(201);
      // the admin's deposit with the same key string is another scope (other user and route)
      const dep = await bank.deposit(aUsd.id, 100, key);
      expect(dep.status).toBe(201);
      expect(dep.body.kind).toBe('deposit');
      const depAgain = await bank.deposit(aUsd.id, 100, key);
      expect(depAgain.status).toBe(201);
      expect(depAgain.headers.get('idempotent-replayed')).toBe('true');
      expect(depAgain.body).toEqual(dep.body);
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM transfers WHERE id = ?', [
          uuidToBuffer(dep.body.id),
        ]),
      ).toBe(1);
    });

    it('10 concurrent identical requests with one key → exactly one transfer; every answer is that 201 or 409 IDEMPOTENCY_IN_PROGRESS', async () => {
      const key = newKey();
      const note = uniqueNote('idem10');
      const before = await bank.balance(alice.accessToken, aUsd.id);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          bank.transfer(alice.accessToken, body({ note, amount: 7 }), key),
        ),
      );
      const ids = await transfersWithNote(db, note);
      expect(ids).toHaveLength(1);
      const ok = results.filter((r) => r.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of ok) expect(r.body.id).toBe(ids[0]);
      for (const r of results.filter((r) => r.status !== 201)) {
        expectProblem(r, 409, 'IDEMPOTENCY_IN_PROGRESS');
        expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before - 7);
      // afterwards the key replays
      const later = await bank.transfer(alice.accessToken, body({ note, amount: 7 }), key);
      expect(later.status).toBe(201);
      expect(later.headers.get('idempotent-replayed')).toBe('true');
      expect(later.body.id).toBe(ids[0]);
    });

    it('a 422 INSUFFICIENT_FUNDS answer is stored and replayed as 422, even after the account is funded', async () => {
      const { user: poor, acc } = await bank.userWithAccounts({ EUR: 50 });
      const { acc: rich } = await bank.userWithAccounts({ EUR: 0 });
      const key = newKey();
      const req = {
        fromAccountId: acc.EUR!.id,
        toAccountId: rich.EUR!.id,
        amount: 80,
        currency: 'EUR',
      };
      const first = await bank.transfer(poor.accessToken, req, key);
      expectProblem(first, 422, 'INSUFFICIENT_FUNDS');
      await bank.fund(acc.EUR!.id, 1_000);
      const again = await bank.transfer(poor.accessToken, req, key);
      expect(again.status).toBe(422);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(again.body).toEqual(first.body);
      expect(await bank.balance(poor.accessToken, acc.EUR!.id)).toBe(1_050);
      // a new key runs again and now succeeds
      expect((await bank.transfer(poor.accessToken, req, newKey())).status).toBe(201);
    });

    it.each([
      ['256 characters', 'k'.repeat(256)],
      ['a tab', 'abc\tdef'],
      ['a non-ASCII character', 'clé'],
    ])('an invalid key (%s) → 400 VALIDATION_FAILED, nothing moves', async (_name, key) => {
      const note = uniqueNote();
      const res = await bank.transfer(alice.accessToken, body({ note }), key);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(await transfersWithNote(db, note)).toEqual([]);
    });

    it('a 255-character key is fine', async () => {
      const key = 'K'.repeat(250) + newKey('').slice(-5);
      expect(key).toHaveLength(255);
      const res = await bank.transfer(alice.accessToken, body({ note: uniqueNote() }), key);
      expect(res.status).toBe(201);
    });

    it('a claim lives in its transaction: a duplicate waits for it (≤ 2 s) then 409; once its connection is lost a retry runs at once, exactly once', async () => {
      const key = newKey('held');
      const note = uniqueNote('held');
      const req = body({ note, amount: 444 });
      const scope = scopeHash(alice.id, 'POST', '/v1/transfers', key);
      // Another process's request in flight: its claim row, not committed, on a live connection.
      const holder = await connectDb();
      try {
        await holder.beginTransaction();
        await insertClaim(
          holder,
          scope,
          requestHash('POST', '/v1/transfers', req),
          new Date(Date.now() + 60_000),
        );
        const before = await bank.balance(alice.accessToken, aUsd.id);
        const started = Date.now();
        const dup = await bank.transfer(alice.accessToken, req, key);
        const waited = Date.now() - started;
        expectProblem(dup, 409, 'IDEMPOTENCY_IN_PROGRESS');
        expect(waited).toBeGreaterThanOrEqual(1_500);
        expect(waited).toBeLessThan(5_000);
        expect(await transfersWithNote(db, note)).toEqual([]);

        // That process dies (kill -9, lost connection): the server rolls its claim back.
        holder.destroy();
        const lost = Date.now();
        const retry = await eventually(
          async () => {
            const res = await bank.transfer(alice.accessToken, req, key);
            return res.status === 409 ? undefined : res;
          },
          5_000,
          'the retry after the lost connection',
        );
        expect(Date.now() - lost).toBeLessThan(2_000);
        expect(retry.status).toBe(201);
        expect(await transfersWithNote(db, note)).toEqual([retry.body.id]);
        expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before - 444);
        const again = await bank.transfer(alice.accessToken, req, key);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(retry.body);
      } finally {
        holder.destroy();
      }
    });

    it('a duplicate sent while the first is still running waits for it and replays its answer; past the wait it gets 409; one transfer either way', async () => {
      for (const expected of ['replay', 'in progress'] as const) {
        const key = newKey('slow');
        const note = uniqueNote('slow');
        const req = body({ note, amount: 5 });
        const before = await bank.balance(alice.accessToken, aUsd.id);
        // Hold the source account's row lock so the first request stays inside its transaction.
        const blocker = await connectDb();
        const peek = await connectDb();
        try {
          await peek.query('SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED');
          await blocker.beginTransaction();
          await blocker.query('SELECT id FROM accounts WHERE id = ? FOR UPDATE', [
            uuidToBuffer(aUsd.id),
          ]);
          const first = bank.transfer(alice.accessToken, req, key);
          // The first one has claimed the key once its (uncommitted) row exists.
          await eventually(
            async () => {
              const [rows] = await peek.query(
                'SELECT COUNT(*) AS n FROM idempotency_keys WHERE scope_hash = ?',
                [scopeHash(alice.id, 'POST', '/v1/transfers', key)],
              );
              return Number((rows as Array<{ n: number }>)[0].n) === 1 ? true : undefined;
            },
            5_000,
            'the first claim',
          );
          const second = bank.transfer(alice.accessToken, req, key);
          // The first is held until the duplicate's case is settled, not for a guessed time:
          // to replay, until the duplicate provably waits on the first's claim row; for 409,
          // until the duplicate has answered, its wait over while the first still runs.
          if (expected === 'replay')
            await untilLockWaits(db, 1, 'the duplicate waiting on the claim');
          else await second;
          await blocker.rollback();
          const [a, b] = await Promise.all([first, second]);
          expect(a.status).toBe(201);
          if (expected === 'replay') {
            expect(b.status).toBe(201);
            expect(b.headers.get('idempotent-replayed')).toBe('true');
            expect(b.body).toEqual(a.body);
          } else {
            expectProblem(b, 409, 'IDEMPOTENCY_IN_PROGRESS');
          }
          expect(await transfersWithNote(db, note)).toEqual([a.body.id]);
          expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before - 5);
        } finally {
          blocker.destroy();
          peek.destroy();
        }
      }
    });

    it('a live claim by another process → 409 IDEMPOTENCY_IN_PROGRESS; once abandoned (locked_until past) a retry takes over and succeeds exactly once', async () => {
      const key = newKey('crash');
      const note = uniqueNote('crash');
      const req = body({ note, amount: 333 });
      const scope = scopeHash(alice.id, 'POST', '/v1/transfers', key);
      const fingerprint = requestHash('POST', '/v1/transfers', req);
      await insertClaim(db, scope, fingerprint, new Date(Date.now() + 60_000));

      const before = await bank.balance(alice.accessToken, aUsd.id);
      expectProblem(
        await bank.transfer(alice.accessToken, req, key),
        409,
        'IDEMPOTENCY_IN_PROGRESS',
      );
      expect(await transfersWithNote(db, note)).toEqual([]);

      // the process holding the claim crashed: its lock expires
      await db.query('UPDATE idempotency_keys SET locked_until = ? WHERE scope_hash = ?', [
        new Date(Date.now() - 1_000),
        scope,
      ]);
      const results = await Promise.all(
        Array.from({ length: 3 }, () => bank.transfer(alice.accessToken, req, key)),
      );
      const ok = results.filter((r) => r.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of results.filter((r) => r.status !== 201))
        expectProblem(r, 409, 'IDEMPOTENCY_IN_PROGRESS');
      const ids = await transfersWithNote(db, note);
      expect(ids).toHaveLength(1);
      for (const r of ok) expect(r.body.id).toBe(ids[0]);
      expect(await bank.balance(alice.accessToken, aUsd.id)).toBe(before - 333);
      expect(await outboxRowsFor(db, ids[0])).toHaveLength(1);

      const [rows] = await db.query(
        'SELECT state, response_status FROM idempotency_keys WHERE scope_hash = ?',
        [scope],
      );
      expect(rows).toEqual([{ state: 'completed', response_status: 201 }]);
      const replay = await bank.transfer(alice.accessToken, req, key);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(ids[0]);
    });

    it('an abandoned claim for a different body still answers 422 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = newKey('crash2');
      const scope = scopeHash(alice.id, 'POST', '/v1/transfers', key);
      await insertClaim(
        db,
        scope,
        requestHash('POST', '/v1/transfers', body({ amount: 1 })),
        new Date(Date.now() - 1_000),
      );
      const note = uniqueNote();
      expectProblem(
        await bank.transfer(alice.accessToken, body({ note, amount: 2 }), key),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await transfersWithNote(db, note)).toEqual([]);
    });

    it('deposits honour the key too: a retried deposit credits once', async () => {
      const { user, acc } = await bank.userWithAccounts({ CNY: 0 });
      const key = newKey('dep');
      const results = await Promise.all(
        Array.from({ length: 5 }, () => bank.deposit(acc.CNY!.id, 900, key)),
      );
      const ok = results.filter((r) => r.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
      for (const r of results.filter((r) => r.status !== 201))
        expectProblem(r, 409, 'IDEMPOTENCY_IN_PROGRESS');
      expect((await bank.deposit(acc.CNY!.id, 900, key)).headers.get('idempotent-replayed')).toBe(
        'true',
      );
      expect(await bank.balance(user.accessToken, acc.CNY!.id)).toBe(900);
      expectProblem(await bank.deposit(acc.CNY!.id, 901, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('ledger:check', () => {
    it('passes on everything this file left behind: OK with the database counts, every currency summing to 0', async () => {
      await expectLedgerBalanced(db);
    });
  });
});

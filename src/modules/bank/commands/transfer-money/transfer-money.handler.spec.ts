import {
  FakeClock,
  InMemoryAccountRepository,
  InMemoryOutbox,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import {
  CurrencyMismatchError,
  InsufficientFundsError,
  SameAccountError,
} from '@domain/bank/bank.errors';
import { moneyTransferred } from '@domain/bank/events/money-transferred.event';
import { Currency } from '@domain/bank/money.value-object';
import { SYSTEM_ACCOUNT_ROLES } from '@domain/bank/system-account';
import { NotFoundError, ValidationError } from '@domain/shared/domain-error';
import { LedgerService } from '@modules/bank/ledger.service';
import { TransferMoneyCommand } from './transfer-money.command';
import { TransferMoneyHandler } from './transfer-money.handler';

describe('TransferMoneyHandler (in-memory ports)', () => {
  const ALICE = 'alice';
  const BOB = 'bob';
  let accounts: InMemoryAccountRepository;
  let outbox: InMemoryOutbox;
  let uow: InMemoryUnitOfWork;
  let clock: FakeClock;
  let handler: TransferMoneyHandler;
  let aliceUsd: string;
  let bobUsd: string;

  beforeEach(() => {
    accounts = new InMemoryAccountRepository();
    outbox = new InMemoryOutbox();
    uow = new InMemoryUnitOfWork(accounts, outbox);
    clock = new FakeClock('2030-03-01T10:00:00.000Z');
    handler = new TransferMoneyHandler(
      accounts,
      uow,
      new LedgerService(accounts, outbox, uow, clock),
    );
    aliceUsd = accounts.givenAccount(ALICE, 'USD', 1_000);
    bobUsd = accounts.givenAccount(BOB, 'USD', 50);
  });

  /** As the command bus calls it: a synchronous throw (a bad amount) becomes a rejection. */
  const transfer = async (
    actor: string,
    from: string,
    to: string,
    amount: number,
    currency: Currency = 'USD',
  ) => handler.execute(new TransferMoneyCommand(actor, from, to, amount, currency, 'rent'));

  /** Balances and the transfer/event counts: what must not change when a transfer is refused. */
  const ledgerState = () => ({
    alice: accounts.balanceOf(aliceUsd),
    bob: accounts.balanceOf(bobUsd),
    transfers: accounts.transfers().length,
    events: outbox.events.length,
  });

  it('moves the amount once: one transfer, two entries, both balances, one MoneyTransferred event, in one unit of work', async () => {
    const before = ledgerState();
    const t = await transfer(ALICE, aliceUsd, bobUsd, 300);

    expect(t).toMatchObject({
      fromAccountId: aliceUsd,
      toAccountId: bobUsd,
      amount: 300,
      currency: 'USD',
      kind: 'transfer',
      note: 'rent',
      createdAt: clock.now(),
    });
    expect(ledgerState()).toEqual({
      alice: 700,
      bob: 350,
      transfers: before.transfers + 1,
      events: 1,
    });
    expect(await accounts.findTransfer(t.id)).toEqual(t);
    const [debit] = await accounts.listEntries(aliceUsd, null, 1);
    const [credit] = await accounts.listEntries(bobUsd, null, 1);
    expect(debit).toMatchObject({ transferId: t.id, amount: -300, balanceAfter: 700 });
    expect(credit).toMatchObject({ transferId: t.id, amount: 300, balanceAfter: 350 });
    expect(outbox.events[0]).toMatchObject({
      type: moneyTransferred('x', t).type,
      aggregateId: t.id,
      payload: { transferId: t.id, amount: 300, fromAccountId: aliceUsd, toAccountId: bobUsd },
    });
    expect(uow.commits).toBe(1);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('locks both accounts in ascending id order whichever way the money goes (no deadlock between opposite transfers)', async () => {
    await transfer(ALICE, aliceUsd, bobUsd, 1);
    await transfer(BOB, bobUsd, aliceUsd, 1);
    const expected = [aliceUsd, bobUsd].sort();
    expect(accounts.locks.slice(-2)).toEqual([expected, expected]);
  });

  it('a unit retried after a deadlock still moves the money exactly once', async () => {
    uow.deadlockNext(2);
    const t = await transfer(ALICE, aliceUsd, bobUsd, 300);
    expect(uow.rollbacks).toBe(2);
    expect(ledgerState()).toMatchObject({ alice: 700, bob: 350, events: 1 });
    expect(accounts.transfers().filter((x) => x.kind === 'transfer')).toEqual([t]);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('insufficient funds: refused, nothing written (the balance may be spent exactly, not beyond)', async () => {
    const before = ledgerState();
    await expect(transfer(ALICE, aliceUsd, bobUsd, 1_001)).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(ledgerState()).toEqual(before);
    await transfer(ALICE, aliceUsd, bobUsd, 1_000);
    expect(accounts.balanceOf(aliceUsd)).toBe(0);
    await expect(transfer(ALICE, aliceUsd, bobUsd, 1)).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it("someone else's source account is NOT_FOUND, exactly like a missing one, and moves nothing", async () => {
    const before = ledgerState();
    const stolen = transfer(BOB, aliceUsd, bobUsd, 10);
    await expect(stolen).rejects.toBeInstanceOf(NotFoundError);
    const missing = transfer(BOB, '01890000-0000-7000-8000-000000000000', bobUsd, 10);
    await expect(missing).rejects.toEqual(await stolen.catch((e: Error) => e));
    expect(ledgerState()).toEqual(before);
  });

  it('a missing destination or a system account as destination is NOT_FOUND', async () => {
    const before = ledgerState();
    await expect(
      transfer(ALICE, aliceUsd, '01890000-0000-7000-8000-000000000000', 10),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (const role of SYSTEM_ACCOUNT_ROLES)
      await expect(
        transfer(ALICE, aliceUsd, accounts.systemAccountId(role, 'USD'), 10),
      ).rejects.toBeInstanceOf(NotFoundError);
    expect(ledgerState()).toEqual(before);
  });

  it('a system account is no source for a user (NOT_FOUND: it has no owner)', async () => {
    for (const role of SYSTEM_ACCOUNT_ROLES)
      await expect(
        transfer(ALICE, accounts.systemAccountId(role, 'USD'), bobUsd, 10),
      ).rejects.toBeInstanceOf(NotFoundError);
    expect(accounts.balanceOf(bobUsd)).toBe(50);
  });

  it('same account, other currency, bad amounts: refused with their own errors, nothing written', async () => {
    const aliceEur = accounts.givenAccount(ALICE, 'EUR', 500);
    const before = ledgerState();
    await expect(transfer(ALICE, aliceUsd, aliceUsd, 10)).rejects.toBeInstanceOf(SameAccountError);
    await expect(transfer(ALICE, aliceUsd, bobUsd, 10, 'EUR')).rejects.toBeInstanceOf(
      CurrencyMismatchError,
    );
    await expect(transfer(ALICE, aliceEur, bobUsd, 10, 'EUR')).rejects.toBeInstanceOf(
      CurrencyMismatchError,
    );
    for (const amount of [0, -5, 1.5])
      await expect(transfer(ALICE, aliceUsd, bobUsd, amount)).rejects.toBeInstanceOf(
        ValidationError,
      );
    expect(ledgerState()).toEqual(before);
    expect(accounts.balanceOf(aliceEur)).toBe(500);
  });
});

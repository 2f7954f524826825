import 'reflect-metadata';
import { EnvironmentVariables } from '../infrastructure/config/env.schema';
import { SYSTEM_ACCOUNT_IDS } from '../infrastructure/persistence/bank/typeorm-account.repository';
import { withToolConnection } from './database-tool';

/**
 * npm run ledger:check — verifies the ledger invariants against the configured database
 * (safe in production: read-only, one consistent snapshot). Exits 1 with a report when:
 *  - per currency, balances (system accounts included) don't sum to 0;
 *  - per currency, the escrow account doesn't hold exactly the amounts of the `paid` orders;
 *  - an account's balance differs from the sum of its entries;
 *  - a user account is negative;
 *  - a transfer doesn't have exactly two entries summing to 0 (−amount, +amount).
 */
async function main(): Promise<void> {
  const options = (env: EnvironmentVariables) => ({
    database: env.DB_NAME,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  await withToolConnection(options, async (db) => {
    const problems: string[] = [];
    await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await db.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const [sums] = (await db.query(
      'SELECT currency, SUM(balance) AS total, COUNT(*) AS n FROM accounts GROUP BY currency',
    )) as any[];
    for (const r of sums)
      if (BigInt(r.total) !== 0n)
        problems.push(`${r.currency}: balances sum to ${r.total}, expected 0`);

    const [drift] = (await db.query(
      `SELECT HEX(a.id) AS id, a.currency, a.balance, COALESCE(SUM(e.amount), 0) AS entries
       FROM accounts a LEFT JOIN entries e ON e.account_id = a.id
       GROUP BY a.id, a.currency, a.balance HAVING a.balance <> COALESCE(SUM(e.amount), 0) LIMIT 100`,
    )) as any[];
    for (const r of drift)
      problems.push(
        `account ${r.id} (${r.currency}): balance ${r.balance} but entries sum to ${r.entries}`,
      );

    const [negative] = (await db.query(
      'SELECT HEX(id) AS id, balance FROM accounts WHERE owner_id IS NOT NULL AND balance < 0 LIMIT 100',
    )) as any[];
    for (const r of negative) problems.push(`account ${r.id}: negative balance ${r.balance}`);

    const [badTransfers] = (await db.query(
      `SELECT HEX(t.id) AS id, COUNT(e.id) AS n, COALESCE(SUM(e.amount), 0) AS total,
              SUM(e.account_id = t.from_account_id AND e.amount = -t.amount) AS debit,
              SUM(e.account_id = t.to_account_id AND e.amount = t.amount) AS credit
       FROM transfers t LEFT JOIN entries e ON e.transfer_id = t.id
       GROUP BY t.id HAVING n <> 2 OR total <> 0 OR debit <> 1 OR credit <> 1 LIMIT 100`,
    )) as any[];
    for (const r of badTransfers)
      problems.push(`transfer ${r.id}: ${r.n} entries summing to ${r.total}`);

    const escrowIds = Object.values(SYSTEM_ACCOUNT_IDS.escrow).map((id) => id.replace(/-/g, ''));
    const [escrow] = (await db.query(
      `SELECT a.currency, a.balance,
              (SELECT COALESCE(SUM(o.amount), 0) FROM orders o
               WHERE o.status = 'paid' AND o.currency = a.currency) AS paid
       FROM accounts a WHERE a.id IN (${escrowIds.map(() => 'UNHEX(?)').join(', ')})`,
      escrowIds,
    )) as any[];
    if (escrow.length !== escrowIds.length)
      problems.push(`${escrow.length} escrow accounts, expected ${escrowIds.length}`);
    for (const r of escrow)
      if (BigInt(r.balance) !== BigInt(r.paid))
        problems.push(`${r.currency}: escrow holds ${r.balance} but paid orders sum to ${r.paid}`);

    const [[counts]] = (await db.query(
      'SELECT (SELECT COUNT(*) FROM accounts) AS accounts, (SELECT COUNT(*) FROM transfers) AS transfers, (SELECT COUNT(*) FROM entries) AS entries',
    )) as any[];
    await db.query('COMMIT');
    const summary = `${counts.accounts} accounts, ${counts.transfers} transfers, ${counts.entries} entries`;
    if (problems.length > 0) {
      console.error(
        `ledger:check FAILED (${summary})\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        `ledger:check OK (${summary}; per currency: ${sums.map((r: any) => `${r.currency} ${r.total}`).join(', ')})`,
      );
    }
  });
}

main().catch((err: Error) => {
  console.error(`ledger:check could not run: ${err.message}`);
  process.exitCode = 2;
});

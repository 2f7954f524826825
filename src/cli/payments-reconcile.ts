import 'reflect-metadata';
import { createApp } from '../app.factory';
import { loadEnvFile } from '../infrastructure/config/env-file';
import { PaymentReconciliationService } from '../modules/payment/queries/reconcile-payments/payment-reconciliation.service';

/**
 * npm run payments:reconcile -- --date=YYYY-MM-DD — the reconciliation of that UTC day
 * (docs/payments.md "Reconciliation"), printed as the JSON GET
 * /v1/admin/payments/reconciliation answers. Exit 0: no mismatch; 1: mismatches; 2: could not
 * run (bad date, no database...). Read-only, safe in production. It builds the application (not
 * listening, no workers, logs silenced so stdout is only the report), so it needs the API's
 * configuration.
 */
async function main(): Promise<void> {
  loadEnvFile();
  process.env.WORKERS_ENABLED = 'false';
  process.env.LOG_LEVEL = 'silent';
  const dateArg = process.argv.find((a) => a.startsWith('--date='));
  if (!dateArg) throw new Error('usage: npm run payments:reconcile -- --date=YYYY-MM-DD');
  const app = await createApp();
  try {
    const result = await app.get(PaymentReconciliationService).reconcile(dateArg.slice(7));
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.mismatches.length > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().catch((err: Error) => {
  console.error(`payments:reconcile could not run: ${err.message}`);
  process.exitCode = 2;
});

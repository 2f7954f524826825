import 'reflect-metadata';
import { createApp } from '../app.factory';
import { loadEnvFile } from '../infrastructure/config/env-file';
import { SearchIndexer } from '../modules/search/search-indexer';

/**
 * npm run search:reindex — rebuilds the article search index from content's published articles
 * (docs/search.md "Reindex and backfill"): the backfill of a new or emptied index, and a repair
 * after lost events. Batches of 500, one transaction each; idempotent (an article the index
 * already holds at its current version is not rewritten) and safe beside live traffic (the
 * version rule lets neither side overwrite a newer state). Prints progress to stderr and the
 * final report as JSON to stdout. Exit 0: done; 2: could not run.
 */
async function main(): Promise<void> {
  loadEnvFile();
  process.env.WORKERS_ENABLED = 'false';
  process.env.LOG_LEVEL = 'silent';
  const app = await createApp();
  try {
    const started = Date.now();
    const report = await app
      .get(SearchIndexer)
      .reindexAll((r) =>
        console.error(
          `search:reindex: ${r.published} published read, ${r.checked} entries checked`,
        ),
      );
    console.log(JSON.stringify({ ...report, ms: Date.now() - started }, null, 2));
  } finally {
    await app.close();
  }
}

main().catch((err: Error) => {
  console.error(`search:reindex could not run: ${err.message}`);
  process.exitCode = 2;
});

import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createApp } from '../app.factory';
import { loadEnvFile } from '../infrastructure/config/env-file';
import { buildOpenApiDocument } from '../infrastructure/http/openapi';

/**
 * npm run openapi:export [-- --out=path] — writes the OpenAPI document (what /docs-json serves)
 * to docs/openapi.json, pretty-printed. It builds the real application (not listening), so it
 * needs the same configuration as the API (database and Redis are connected at start).
 */
async function main(): Promise<void> {
  loadEnvFile();
  // The document does not depend on the mode, and nothing is served: no production secrets needed.
  process.env.NODE_ENV ??= 'development';
  const outArg = process.argv.find((a) => a.startsWith('--out='));
  const out = resolve(outArg ? outArg.slice('--out='.length) : 'docs/openapi.json');
  const app = await createApp();
  try {
    const document = buildOpenApiDocument(app);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
    const count = Object.values(document.paths).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    console.log(`openapi:export wrote ${out} (${count} operations)`);
  } finally {
    await app.close();
  }
}

main().catch((err: Error) => {
  console.error(
    `openapi:export failed: ${err.message.startsWith('Invalid configuration') ? err.message : (err.stack ?? err.message)}`,
  );
  process.exitCode = 1;
});

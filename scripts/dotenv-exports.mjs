// Prints `export KEY='value'` for each variable of a .env file that the environment does not
// already set (the app's own precedence), for a shell script to eval.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

const quote = (v) => `'${v.replace(/'/g, `'\\''`)}'`;
for (const [key, value] of Object.entries(parseEnv(readFileSync(process.argv[2] ?? '.env', 'utf8')))) {
  if (/^[A-Z_][A-Z0-9_]*$/.test(key) && process.env[key] === undefined) console.log(`export ${key}=${quote(value)}`);
}

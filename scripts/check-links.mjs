// Every relative link in the repository's Markdown resolves to a file inside the repository.
// Usage: node scripts/check-links.mjs   (exit 1 with one line per broken link)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SKIP = new Set(['node_modules', '.git', '.tools', 'dist', 'var', 'coverage']);
const files = [];
(function walk(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.md')) files.push(path);
  }
})('');
const broken = [];
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    const path = decodeURIComponent(target.split('#')[0]);
    const abs = resolve(root, dirname(file), path);
    const rel = relative(root, abs);
    if (rel.startsWith('..')) broken.push(`${file}: ${target} points outside the repository`);
    else if (!existsSync(abs)) broken.push(`${file}: ${target} does not exist`);
  }
}
if (broken.length > 0) {
  console.error(broken.join('\n'));
  process.exit(1);
}
console.log(`[check-links] ${files.length} Markdown files, every relative link resolves inside the repository`);

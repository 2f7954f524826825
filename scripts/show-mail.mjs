// npm run mail [-- --follow]: shows the mail and SMS that Atrium sent in development
// (NOTIFY_TRANSPORT=file appends them to OUTBOX_DIR/email.jsonl and sms.jsonl), oldest first.
// --follow keeps watching and prints new messages as they arrive; Ctrl-C to stop.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const fileEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
const dir = process.env.OUTBOX_DIR ?? fileEnv.OUTBOX_DIR ?? './var/outbox';
const follow = process.argv.includes('--follow') || process.argv.includes('-f');
const files = { email: join(dir, 'email.jsonl'), sms: join(dir, 'sms.jsonl') };
const offsets = { email: 0, sms: 0 };

function show(kind, m) {
  const line = '─'.repeat(72);
  if (kind === 'email') {
    console.log(`${line}\n✉  ${m.sentAt ?? ''}  to ${m.to}\n   Subject: ${m.subject ?? ''}\n\n${m.text ?? ''}\n`);
  } else {
    console.log(`${line}\n✆  ${m.sentAt ?? ''}  SMS to ${m.to}\n\n${m.text ?? ''}\n`);
  }
}

function drain() {
  const found = [];
  for (const [kind, path] of Object.entries(files)) {
    if (!existsSync(path) || statSync(path).size <= offsets[kind]) continue;
    const text = readFileSync(path, 'utf8');
    const fresh = text.slice(offsets[kind]);
    const complete = fresh.slice(0, fresh.lastIndexOf('\n') + 1);
    offsets[kind] += Buffer.byteLength(complete);
    for (const raw of complete.split('\n').filter(Boolean)) {
      try {
        found.push([kind, JSON.parse(raw)]);
      } catch {
        found.push([kind, { to: '?', text: raw }]);
      }
    }
  }
  found.sort((a, b) => String(a[1].sentAt).localeCompare(String(b[1].sentAt)));
  for (const [kind, m] of found) show(kind, m);
  return found.length;
}

const shown = drain();
if (!follow) {
  if (shown === 0) console.log(`No mail or SMS yet in ${dir} (email.jsonl, sms.jsonl). npm run mail -- --follow waits for them.`);
} else {
  console.log(`Watching ${dir} for new mail and SMS (Ctrl-C to stop)…`);
  setInterval(drain, 500);
}

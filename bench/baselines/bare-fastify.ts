import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

/**
 * The ceiling for a route: bare Fastify answering the same JSON bytes, no framework, no auth,
 * no database. BARE_HEADERS (a JSON object) adds the headers the measured route sends (security
 * headers, cache-control…), and BARE_REQUEST_ID=true an X-Request-Id drawn per request as the
 * app does, so the ceiling writes the same bytes on the wire.
 */
const body = process.env.BARE_BODY ?? '{}';
const headers: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  ...(JSON.parse(process.env.BARE_HEADERS ?? '{}') as Record<string, string>),
};
const requestId = process.env.BARE_REQUEST_ID === 'true';
const app = Fastify({ logger: false });
app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/bare', (_req, reply) => {
  reply.headers(headers);
  if (requestId) reply.header('x-request-id', randomUUID());
  reply.send(body);
});
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// A clean exit on SIGTERM (the harness stops it so), which also writes a --cpu-prof profile.
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));

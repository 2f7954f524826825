import Fastify from 'fastify';

/**
 * The baseline for GET /v1/users/me: bare Fastify answering the same JSON bytes, no
 * framework, no auth, no database.
 */
const body = process.env.BARE_BODY ?? '{}';
const app = Fastify({ logger: false });
app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/bare', (_req, reply) => {
  reply.header('content-type', 'application/json; charset=utf-8').send(body);
});
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });

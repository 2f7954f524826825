import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bull';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '@domain/shared/domain-error';
import { sendProblem } from '../http/problem-details.filter';
import { ALL_QUEUES } from './queue-names';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Browsers can't add an Authorization header to the dashboard's page loads: a cookie may carry the token. */
export const DASHBOARD_TOKEN_COOKIE = 'atrium_access_token';

/** Resolves an access token to its role, or null when the token or its session is not valid. */
export type AccessTokenCheck = (token: string) => Promise<{ role: string } | null>;

/** The per-IP rate limit: an error to answer with once the client is over it, else null. */
export type RateLimitCheck = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * bull-board at /admin/queues for admins only, through the API's own authentication: the
 * admin's access token as `Authorization: Bearer` or as the `atrium_access_token` cookie.
 * The per-IP rate limit runs first, as on every API route, so a flood never reaches the token
 * check or Redis-backed queue reads.
 */
export async function mountQueueDashboard(
  app: NestFastifyApplication,
  checkToken: AccessTokenCheck,
  rateLimit: RateLimitCheck,
): Promise<void> {
  const queues = ALL_QUEUES.map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Atrium queues' } },
  });
  const logger = new Logger('QueueDashboard');

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      const limited = await rateLimit(request, reply);
      if (limited) {
        sendProblem(request, reply, limited, logger);
        return reply;
      }
      const token = tokenOf(request);
      const principal = token ? await checkToken(token).catch(() => null) : null;
      if (!principal) {
        reply.header('WWW-Authenticate', 'Bearer');
        sendProblem(request, reply, new UnauthenticatedError(), logger);
      } else if (principal.role !== 'admin') {
        sendProblem(
          request,
          reply,
          new ForbiddenError('The queue dashboard is for admins'),
          logger,
        );
      }
      return reply.sent ? reply : undefined;
    });
    await scope.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
  });
}

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookies = request.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === DASHBOARD_TOKEN_COOKIE) return decodeURIComponent(rest.join('=')) || null;
  }
  return null;
}

import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from './session-issuer';

export function clientInfo(req: FastifyRequest): ClientInfo {
  const ua = req.headers['user-agent'];
  return { userAgent: typeof ua === 'string' ? ua : null, ip: req.ip ?? null };
}

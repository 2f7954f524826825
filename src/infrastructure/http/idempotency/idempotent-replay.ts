import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../problem-details.filter';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** An answer stored with its key: the status and the exact bytes first sent. */
export interface StoredAnswer {
  status: number;
  body: string;
}

/**
 * Answers with a stored response as an ordinary response: sets its status, its content type
 * (problem+json for a stored 4xx) and `Idempotent-Replayed: true` on the reply, and returns
 * its bytes for Nest to send unchanged (Fastify sends a string with a content type as it is).
 * The onRequest/onSend hooks add Cache-Control, the security headers and this request's own
 * X-Request-Id, as for any answer.
 */
export function replayStoredAnswer(reply: FastifyReply, stored: StoredAnswer): string {
  const contentType = stored.status >= 400 ? PROBLEM_CONTENT_TYPE : JSON_CONTENT_TYPE;
  reply
    .status(stored.status)
    .header('Idempotent-Replayed', 'true')
    .header('Content-Type', contentType);
  return stored.body;
}

import underPressure, { FastifyUnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getHeapStatistics } from 'node:v8';
import type { EnvironmentVariables } from '../config/env.schema';
import { problemBody } from './problem';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';

/** What sheds load; 0 turns a check off. */
export interface OverloadSettings {
  maxInFlight: number;
  maxEventLoopDelayMs: number;
  maxHeapUsedBytes: number;
  retryAfterSeconds: number;
}

type ThresholdVariable =
  'OVERLOAD_MAX_IN_FLIGHT' | 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS' | 'OVERLOAD_MAX_HEAP_USED_PERCENT';

/**
 * The thresholds from the configuration. Under NODE_ENV=test a threshold the environment does
 * not set is off: the e2e suites run many instances on a shared machine, and only the suite
 * that tests shedding sets them.
 */
export function overloadSettings(
  env: EnvironmentVariables,
  raw: NodeJS.ProcessEnv = process.env,
): OverloadSettings {
  const value = (name: ThresholdVariable): number =>
    env.NODE_ENV === 'test' && (raw[name] === undefined || raw[name] === '') ? 0 : env[name];
  const heapPercent = value('OVERLOAD_MAX_HEAP_USED_PERCENT');
  return {
    maxInFlight: value('OVERLOAD_MAX_IN_FLIGHT'),
    maxEventLoopDelayMs: value('OVERLOAD_MAX_EVENT_LOOP_DELAY_MS'),
    maxHeapUsedBytes:
      heapPercent > 0 ? Math.floor((getHeapStatistics().heap_size_limit * heapPercent) / 100) : 0,
    retryAfterSeconds: env.OVERLOAD_RETRY_AFTER_SECONDS,
  };
}

/** Health checks and metrics are never shed nor counted: orchestrators must see the instance. */
function exempt(request: FastifyRequest): boolean {
  const route = request.routeOptions?.url ?? '';
  return route.startsWith('/health/') || route === '/metrics';
}

function shed(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: OverloadSettings,
  detail: string,
) {
  reply
    .status(503)
    .header('Retry-After', String(settings.retryAfterSeconds))
    .header('Content-Type', PROBLEM_CONTENT_TYPE);
  return problemBody(503, 'OVERLOADED', detail, request.url.split('?')[0], String(request.id));
}

/**
 * Load shedding: past what the instance can serve with its usual latency, the excess is answered
 * 503 OVERLOADED (problem+json, Retry-After) at once instead of queueing in front of the
 * database pool, so admitted requests keep their latency and memory stays bounded.
 *  - in-flight limit: requests being processed at once (counted from the end of body parsing,
 *    before any Nest guard, pipe or handler, to the end of the response or the client going
 *    away); when the instance is full, a request is refused on its headers alone;
 *  - event-loop delay and heap use, sampled each second by @fastify/under-pressure.
 * Register after the security-headers hook (an answering hook ends the hook chain).
 */
export async function registerOverloadShedding(
  fastify: FastifyInstance,
  settings: OverloadSettings,
): Promise<void> {
  if (settings.maxEventLoopDelayMs > 0 || settings.maxHeapUsedBytes > 0) {
    await fastify.register(underPressure, {
      maxEventLoopDelay: settings.maxEventLoopDelayMs,
      maxHeapUsedBytes: settings.maxHeapUsedBytes,
      exposeStatusRoute: false,
      // A returned body is sent as the answer, undefined lets the request through (the plugin's
      // runtime contract, handlePressure in its index.js; its types only declare void).
      pressureHandler: ((request: FastifyRequest, reply: FastifyReply, type: string) =>
        exempt(request)
          ? undefined
          : shed(
              request,
              reply,
              settings,
              type === 'eventLoopDelay'
                ? 'The instance is overloaded (event loop delayed); retry after Retry-After'
                : 'The instance is overloaded (memory); retry after Retry-After',
            )) as unknown as FastifyUnderPressureOptions['pressureHandler'],
    });
  }
  if (settings.maxInFlight > 0) {
    let inFlight = 0;
    const tooBusy =
      'The instance is overloaded (too many requests in progress); retry after Retry-After';
    // Full already: refused on the headers alone, before the body is read (the cheapest answer).
    fastify.addHook('onRequest', (request, reply, done) => {
      if (inFlight < settings.maxInFlight || exempt(request)) return done();
      reply.send(shed(request, reply, settings, tooBusy));
    });
    // Counted once the body has arrived (preValidation), not from the first header: a client
    // that sends its body slowly must not be able to hold the slots of the instance.
    fastify.addHook('preValidation', (request, reply, done) => {
      if (exempt(request)) return done();
      if (inFlight >= settings.maxInFlight) {
        reply.send(shed(request, reply, settings, tooBusy));
        return;
      }
      inFlight++;
      reply.raw.once('close', () => inFlight--);
      done();
    });
  }
}

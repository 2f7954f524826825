import type { IncomingMessage } from 'node:http';
import { context, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyRequest } from 'fastify';
import type { EnvironmentVariables } from '../config/env.schema';
import { samplerFor } from './trace-sampler';
import { markTracingStarted } from './tracing';

/** Routes that are polled, not used: no spans (their SQL and Redis are dropped as orphans). */
const UNTRACED_PATH = /^\/(health\/(live|ready)|metrics)(\?|$)/;

/**
 * Query parameters whose values never reach a span (the instrumentation's own list replaced:
 * these are the names this application and its providers use for secrets).
 */
const REDACTED_QUERY_PARAMS = [
  'token',
  'access_token',
  'refresh_token',
  'code',
  'session',
  'session_id',
  'signature',
  'sig',
  'key',
  'secret',
  'password',
];

export const REQUEST_ID_ATTRIBUTE = 'http.request_id';

const MASKED_STATEMENTS_KEPT = 2000;
const maskedStatements = new Map<string, string>();

/**
 * The statement as a span shows it: numbers and quoted literals written into the SQL text
 * replaced by `?` (the parameters are never there: they are not formatted in). The application
 * writes a few hundred distinct statements, so each is masked once and then looked up: the two
 * regular expressions do not run on every query, sampled or not.
 */
export function maskStatement(sql: string): string {
  let masked = maskedStatements.get(sql);
  if (masked === undefined) {
    masked = sql.replace(/\b\d+\b/g, '?').replace(/(["'])(?:(?=(\\?))\2.)*?\1/g, '?');
    if (maskedStatements.size >= MASKED_STATEMENTS_KEPT) maskedStatements.clear();
    maskedStatements.set(sql, masked);
  }
  return masked;
}

/**
 * Starts the OpenTelemetry Node SDK: OTLP/HTTP export (the standard OTEL_EXPORTER_OTLP_*
 * variables), the sampler of OTEL_TRACES_SAMPLER, and the instrumentations for node:http,
 * Fastify, mysql2 and ioredis. Must run before any of those modules is loaded (src/tracing.ts).
 * Only traces: metrics stay on /metrics (prom-client) and logs on stdout (pino).
 */
export function startOpenTelemetry(env: EnvironmentVariables, defaultServiceName: string): void {
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    sampler: samplerFor(env.OTEL_TRACES_SAMPLER, env.OTEL_TRACES_SAMPLER_ARG ?? 1),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATH.test(req.url ?? ''),
        redactedQueryParams: REDACTED_QUERY_PARAMS,
        redactedQueryParamsServer: REDACTED_QUERY_PARAMS,
      }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        // One span per request (route, status), not one per hook: Nest's pipeline runs in the
        // handler, and a span per Fastify hook would cost more than it tells.
        instrumentHooks: false,
        instrumentHandler: false,
        ignorePaths: ({ url }) => UNTRACED_PATH.test(url),
        requestHook: (span, request: FastifyRequest) => {
          // The request id (X-Request-Id, `requestId` of problem+json answers) finds the trace.
          span.setAttribute(REQUEST_ID_ATTRIBUTE, request.id);
          // url.path without the query string (the query may carry values; route and path
          // are enough to find the request).
          span.setAttribute('url.path', request.url.split('?', 1)[0]);
          trace.getSpan(context.active())?.setAttribute(REQUEST_ID_ATTRIBUTE, request.id);
        },
      }),
      // Statements as written, with `?` placeholders: the values are never formatted into
      // db.query.text (maskStatement also hides literals written into the SQL itself).
      new MySQL2Instrumentation({ maskStatement: true, maskStatementHook: maskStatement }),
      // Command names only: keys name users, phones and sessions.
      new IORedisInstrumentation({
        requireParentSpan: true,
        dbStatementSerializer: (command) => command,
      }),
    ],
  });
  sdk.start();
  markTracingStarted(() => sdk.shutdown());
}

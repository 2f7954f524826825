import type { IncomingMessage } from 'node:http';
import Module from 'node:module';
import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { EnvironmentVariables } from '../config/env.schema';
import {
  leanHttpInstrumentation,
  leanIORedisInstrumentation,
  leanMySQL2Instrumentation,
} from './recording-only';
import { edgeSamplingFor } from './trace-sampler';
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
 * variables), the sampler of OTEL_TRACES_SAMPLER applied at the edge (see `edgeSamplingFor`),
 * and the instrumentations for node:http, mysql2 and ioredis; the Fastify route and the request
 * id are set on the HTTP span by a hook (`registerRequestTracing`). Must run before any of those
 * modules is loaded (src/tracing.ts). Only traces: metrics stay on /metrics (prom-client) and
 * logs on stdout (pino).
 */
export function startOpenTelemetry(env: EnvironmentVariables, defaultServiceName: string): void {
  requireBeforeTracing = Module.prototype.require;
  getBuiltinModuleBeforeTracing = process.getBuiltinModule;
  const edge = edgeSamplingFor(env.OTEL_TRACES_SAMPLER, env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    sampler: edge.sampler,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // An untraced request runs with tracing suppressed: the instrumentation does nothing
      // more for it, and neither does anything under it.
      leanHttpInstrumentation(
        new HttpInstrumentation({
          redactedQueryParams: REDACTED_QUERY_PARAMS,
          redactedQueryParamsServer: REDACTED_QUERY_PARAMS,
        }),
        (req: IncomingMessage) =>
          !UNTRACED_PATH.test(req.url ?? '') && edge.sampleRequest(req.headers),
      ),
      // Statements as written, with `?` placeholders: the values are never formatted into
      // db.query.text (maskStatement also hides literals written into the SQL itself).
      leanMySQL2Instrumentation(
        new MySQL2Instrumentation({ maskStatement: true, maskStatementHook: maskStatement }),
      ),
      // Command names only: keys name users, phones and sessions.
      leanIORedisInstrumentation(
        new IORedisInstrumentation({
          requireParentSpan: true,
          dbStatementSerializer: (command) => command,
        }),
      ),
    ],
  });
  sdk.start();
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as {
    forceFlush?: () => Promise<void>;
  };
  markTracingStarted(async () => provider.forceFlush?.());
}

let requireBeforeTracing: typeof Module.prototype.require | undefined;
let getBuiltinModuleBeforeTracing: typeof process.getBuiltinModule | undefined;

/**
 * Takes the instrumentations' module hook (require-in-the-middle) out of `require` once the
 * application has started. By then every module they patch is loaded (node:http and node:https
 * made sure of here; mysql2 and ioredis load as the app starts), and a hook left in place costs a
 * file-name resolution on every `require` call for the rest of the process: mysql2 makes one per
 * query (`PoolConnection#promise`), which made that the largest cost of an unsampled request.
 * Nothing is undone when something else has replaced `require` since.
 */
export function stopPatchingModules(): void {
  if (!requireBeforeTracing || !getBuiltinModuleBeforeTracing) return;
  process.getBuiltinModule('node:http');
  process.getBuiltinModule('node:https');
  // require-in-the-middle's own function (it calls its `patchedRequire`), nobody else's.
  if (Module.prototype.require.toString().includes('patchedRequire')) {
    Module.prototype.require = requireBeforeTracing;
    process.getBuiltinModule = getBuiltinModuleBeforeTracing;
  }
  requireBeforeTracing = undefined;
  getBuiltinModuleBeforeTracing = undefined;
}

import {
  Attributes,
  context,
  Context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';

/**
 * The application's side of OpenTelemetry (docs/observability.md). Everything here works
 * through `@opentelemetry/api` only: while tracing is off (the SDK was not started, see
 * src/tracing.ts) each helper returns at its first line, so the cost of "off" is a boolean
 * test.
 */

/** W3C trace context as it is stored with an outbox row and carried in a Bull job. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

export const TRACER_NAME = 'atrium';

let enabled = false;
let flush: (() => Promise<void>) | undefined;

/** Called once by src/tracing.ts after the SDK started, with the tracer provider's flush. */
export function markTracingStarted(forceFlush: () => Promise<void>): void {
  enabled = true;
  flush = forceFlush;
}

/**
 * Exports the spans still buffered (a no-op when off). Called at shutdown by every component
 * that ends spans while it drains (the event processor, the relay) once it has drained, and by
 * the observability module: Nest runs the modules' shutdown hooks in an order of its own, so
 * the last of these flushes comes after the last span whichever order it is. The SDK is never
 * shut down: the process exits right after the hooks, and a span ended after a shutdown would
 * be dropped.
 */
export async function flushTracing(): Promise<void> {
  await flush?.().catch(() => undefined);
}

export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * The W3C trace context of the active span, or null (tracing off, or no span active). Inside a
 * request the edge did not sample (tracing suppressed, see `edgeSamplingFor`) it is a fresh
 * unsampled context, so that what the request started downstream (the relay's publish, the
 * subscriber's job) stays unsampled too instead of starting traces of its own.
 */
export function captureTraceContext(): TraceCarrier | null {
  if (!enabled) return null;
  const active = context.active();
  const span = trace.getSpan(active);
  if (!span || !isSpanContextValid(span.spanContext())) {
    return isTracingSuppressed(active) ? unsampledCarrier() : null;
  }
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  if (!carrier.traceparent) return null;
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** A new trace context with the sampled flag off (random ids, drawn as the SDK draws them). */
function unsampledCarrier(): TraceCarrier {
  return { traceparent: `00-${randomHex(4)}-${randomHex(2)}-00` };
}

/** `words` random 32-bit words in hex, never all zeros (an invalid id). */
function randomHex(words: number): string {
  let hex = '';
  for (let i = 0; i < words; i++)
    hex += ((Math.random() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return /^0+$/.test(hex) ? randomHex(words) : hex;
}

/** The context a stored carrier names (the root context for none). */
export function contextFrom(carrier: TraceCarrier | null | undefined): Context {
  if (!carrier) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/**
 * The trace id of `span` (the active span when absent) when it is sampled, else undefined:
 * an unsampled trace id leads nowhere, so it is never shown.
 */
export function sampledTraceId(span?: Span | null): string | undefined {
  if (!enabled) return undefined;
  span ??= trace.getActiveSpan();
  if (!span) return undefined;
  const ctx = span.spanContext();
  return isSpanContextValid(ctx) && (ctx.traceFlags & TraceFlags.SAMPLED) !== 0
    ? ctx.traceId
    : undefined;
}

/** `trace_id` and `span_id` for a log line, when a span is active. */
export function traceLogFields(): { trace_id: string; span_id: string } | Record<string, never> {
  if (!enabled) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const ctx = span.spanContext();
  return isSpanContextValid(ctx) ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context when absent. */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span that ends when it settles (an error is recorded and
 * rethrown). With tracing off it is `work()`.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span?: Span) => Promise<T>,
): Promise<T> {
  if (!enabled) return work();
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (err) {
        recordError(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/** Starts a span that the caller ends (null with tracing off). */
export function startSpan(name: string, options: SpanOptions): Span | null {
  if (!enabled) return null;
  return trace
    .getTracer(TRACER_NAME)
    .startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
      options.parent ?? context.active(),
    );
}

/** The carrier of a span the caller started (what a job carries to its consumer). */
export function carrierOf(span: Span): TraceCarrier | null {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  if (!carrier.traceparent) return null;
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** Marks a span failed; only the error's class and message are recorded, never its data. */
export function recordError(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException({ name: error.name, message: error.message });
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}

export { SpanKind };

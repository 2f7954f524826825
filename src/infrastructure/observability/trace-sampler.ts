import {
  Attributes,
  Context,
  Link,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  Sampler,
  SamplingDecision,
  SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { TraceSamplerName } from '../config/env/observability.env';

/**
 * The sampler named by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (the standard values),
 * wrapped so that a CLIENT span without a parent is never recorded.
 */
export function samplerFor(name: TraceSamplerName, ratio = 1): Sampler {
  // A SQL statement or Redis command that no request, job or relay span surrounds is background
  // polling: the relay's "anything to publish?" read, Bull's own Redis traffic, the schedulers'
  // sweeps, the health checks' pings. Each would be a one-span trace every few hundred
  // milliseconds, so they are dropped; the same statements inside a traced unit of work are
  // kept with it.
  return new ParentlessSpansOfKind(
    SpanKind.CLIENT,
    SamplingDecision.NOT_RECORD,
    'DropOrphanClientSpans',
    baseSampler(name, ratio),
  );
}

/**
 * Head sampling at the edge: whether an incoming request is traced is decided before the HTTP
 * instrumentation does any work for it, from its `traceparent` header and the configured
 * sampler, so an unsampled request costs one test (it runs with tracing suppressed: no spans,
 * no attributes, no context carried through its awaits). The SDK's own sampler then records every
 * request the edge let through: `sampler` answers RECORD_AND_SAMPLED for a SERVER span without a
 * parent, which only such a request starts (the ratio was applied once, at the edge).
 */
export interface EdgeSampling {
  /** For the SDK. */
  sampler: Sampler;
  /** Whether the request with these headers is traced. */
  sampleRequest(headers: Record<string, string | string[] | undefined>): boolean;
}

export function edgeSamplingFor(name: TraceSamplerName, ratio = 1): EdgeSampling {
  const base = baseSampler(name, ratio);
  const parentBased = name.startsWith('parentbased_');
  const rootDecision = rootDrawFor(name, ratio);
  return {
    // A SERVER span without a parent only starts for a request the edge let through.
    sampler: new ParentlessSpansOfKind(
      SpanKind.SERVER,
      SamplingDecision.RECORD_AND_SAMPLED,
      'EdgeDecidedServerRoots',
      samplerFor(name, ratio),
    ),
    sampleRequest(headers) {
      const traceparent = headers.traceparent;
      if (typeof traceparent !== 'string') return rootDecision();
      const parent = parseTraceparent(traceparent);
      // An invalid header is ignored (the SDK's propagator does the same): a new trace.
      if (!parent) return rootDecision();
      if (parentBased) return (parent.traceFlags & TraceFlags.SAMPLED) !== 0;
      // A sampler that ignores the parent's decision decides on the parent's trace id.
      const context = trace.setSpanContext(ROOT_CONTEXT, { ...parent, isRemote: true });
      const decision = base.shouldSample(
        context,
        parent.traceId,
        'edge',
        SpanKind.SERVER,
        {},
        [],
      ).decision;
      return decision === SamplingDecision.RECORD_AND_SAMPLED;
    },
  };
}

/** The decision for a request that starts a new trace. */
function rootDrawFor(name: TraceSamplerName, ratio: number): () => boolean {
  switch (name) {
    case 'always_on':
    case 'parentbased_always_on':
      return () => true;
    case 'always_off':
    case 'parentbased_always_off':
      return () => false;
    case 'traceidratio':
    case 'parentbased_traceidratio': {
      // What TraceIdRatioBasedSampler decides on a random trace id: the same probability.
      const r = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
      return () => Math.random() < r;
    }
  }
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A W3C `traceparent` (version 00) as a span context, or null when it is not a valid one. */
export function parseTraceparent(
  value: string,
): { traceId: string; spanId: string; traceFlags: number } | null {
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return null;
  const [, traceId, spanId, flags] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, traceFlags: parseInt(flags, 16) };
}

function baseSampler(name: TraceSamplerName, ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}

/** Decides every span of one kind that has no parent; all other spans go to `delegate`. */
class ParentlessSpansOfKind implements Sampler {
  constructor(
    private readonly kind: SpanKind,
    private readonly decision: SamplingDecision,
    private readonly label: string,
    private readonly delegate: Sampler,
  ) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    if (spanKind === this.kind && !trace.getSpanContext(context))
      return { decision: this.decision };
    return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `${this.label}{${this.delegate.toString()}}`;
  }
}

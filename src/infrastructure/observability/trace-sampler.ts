import { Attributes, Context, Link, SpanKind, trace } from '@opentelemetry/api';
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
  return new DropOrphanClientSpans(baseSampler(name, ratio));
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

/**
 * A SQL statement or Redis command that no request, job or relay span surrounds is background
 * polling: the relay's "anything to publish?" read, Bull's own Redis traffic, the schedulers'
 * sweeps, the health checks' pings. Each would be a one-span trace every few hundred
 * milliseconds, so they are dropped here; the same statements inside a traced unit of work are
 * kept with it.
 */
export class DropOrphanClientSpans implements Sampler {
  constructor(private readonly delegate: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    if (spanKind === SpanKind.CLIENT && !trace.getSpanContext(context))
      return { decision: SamplingDecision.NOT_RECORD };
    return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `DropOrphanClientSpans{${this.delegate.toString()}}`;
  }
}

import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { edgeSamplingFor, parseTraceparent, samplerFor } from './trace-sampler';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const parent = (flags: TraceFlags) =>
  trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: 'b7ad6b7169203331',
    traceFlags: flags,
    isRemote: true,
  });

describe('samplerFor', () => {
  const decide = (sampler: ReturnType<typeof samplerFor>, kind: SpanKind, context = ROOT_CONTEXT) =>
    sampler.shouldSample(context, TRACE_ID, 'span', kind, {}, []).decision;

  it('never records a client span without a parent (background SQL and Redis polling)', () => {
    const sampler = samplerFor('always_on');
    expect(decide(sampler, SpanKind.CLIENT)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, SpanKind.SERVER)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(sampler, SpanKind.CONSUMER)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('keeps a client span inside a sampled trace, and follows an unsampled parent', () => {
    const sampler = samplerFor('parentbased_traceidratio', 0);
    expect(decide(sampler, SpanKind.CLIENT, parent(TraceFlags.SAMPLED))).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
    expect(decide(sampler, SpanKind.CLIENT, parent(TraceFlags.NONE))).toBe(
      SamplingDecision.NOT_RECORD,
    );
  });

  it('applies the ratio to new traces only', () => {
    expect(decide(samplerFor('parentbased_traceidratio', 0), SpanKind.SERVER)).toBe(
      SamplingDecision.NOT_RECORD,
    );
    expect(decide(samplerFor('parentbased_traceidratio', 1), SpanKind.SERVER)).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
    // A consumer continuing a sampled job is kept whatever the ratio.
    expect(
      decide(
        samplerFor('parentbased_traceidratio', 0),
        SpanKind.CONSUMER,
        parent(TraceFlags.SAMPLED),
      ),
    ).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(samplerFor('always_off'), SpanKind.SERVER)).toBe(SamplingDecision.NOT_RECORD);
  });
});

describe('edgeSamplingFor', () => {
  const sampledParent = `00-${TRACE_ID}-b7ad6b7169203331-01`;
  const unsampledParent = `00-${TRACE_ID}-b7ad6b7169203331-00`;
  const decideSpan = (
    edge: ReturnType<typeof edgeSamplingFor>,
    kind: SpanKind,
    ctx = ROOT_CONTEXT,
  ) => edge.sampler.shouldSample(ctx, TRACE_ID, 'span', kind, {}, []).decision;

  it('draws new traces at the configured ratio', () => {
    const never = edgeSamplingFor('parentbased_traceidratio', 0);
    const always = edgeSamplingFor('parentbased_traceidratio', 1);
    for (let i = 0; i < 50; i++) {
      expect(never.sampleRequest({})).toBe(false);
      expect(always.sampleRequest({})).toBe(true);
    }
    const tenth = edgeSamplingFor('parentbased_traceidratio', 0.1);
    let sampled = 0;
    for (let i = 0; i < 10_000; i++) if (tenth.sampleRequest({})) sampled++;
    // Binomial(10000, 0.1): mean 1000, standard deviation 30; ±200 is over six of them.
    expect(sampled).toBeGreaterThan(800);
    expect(sampled).toBeLessThan(1200);
    expect(edgeSamplingFor('always_off').sampleRequest({})).toBe(false);
    expect(edgeSamplingFor('always_on').sampleRequest({})).toBe(true);
  });

  it("follows the caller's decision with a parent-based sampler", () => {
    const edge = edgeSamplingFor('parentbased_traceidratio', 0);
    expect(edge.sampleRequest({ traceparent: sampledParent })).toBe(true);
    expect(
      edgeSamplingFor('parentbased_always_on').sampleRequest({ traceparent: unsampledParent }),
    ).toBe(false);
    // A malformed header is no parent: the ratio decides.
    expect(edge.sampleRequest({ traceparent: '00-zz-11-01' })).toBe(false);
    expect(edge.sampleRequest({ traceparent: [sampledParent, sampledParent] })).toBe(false);
  });

  it("decides on the caller's trace id with a sampler that ignores parents", () => {
    // TraceIdRatioBasedSampler keeps a trace id whose four 32-bit words, XORed, fall under
    // ratio × 2^32.
    const low = `00-${'0'.repeat(24)}00000001-b7ad6b7169203331-00`;
    const high = `00-${'0'.repeat(24)}fffffff0-b7ad6b7169203331-01`;
    const edge = edgeSamplingFor('traceidratio', 0.5);
    expect(edge.sampleRequest({ traceparent: low })).toBe(true);
    expect(edge.sampleRequest({ traceparent: high })).toBe(false);
  });

  it('records every server root (the edge let it through) and decides the rest as configured', () => {
    const edge = edgeSamplingFor('parentbased_traceidratio', 0);
    expect(decideSpan(edge, SpanKind.SERVER)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decideSpan(edge, SpanKind.CONSUMER)).toBe(SamplingDecision.NOT_RECORD);
    expect(decideSpan(edge, SpanKind.CLIENT)).toBe(SamplingDecision.NOT_RECORD);
    expect(decideSpan(edge, SpanKind.SERVER, parent(TraceFlags.SAMPLED))).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
    expect(decideSpan(edge, SpanKind.CONSUMER, parent(TraceFlags.NONE))).toBe(
      SamplingDecision.NOT_RECORD,
    );
  });
});

describe('parseTraceparent', () => {
  it('reads a version-00 header and refuses anything else', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-b7ad6b7169203331-01`)).toEqual({
      traceId: TRACE_ID,
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    expect(parseTraceparent(`00-${'0'.repeat(32)}-b7ad6b7169203331-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE_ID}-${'0'.repeat(16)}-01`)).toBeNull();
    expect(parseTraceparent(`01-${TRACE_ID}-b7ad6b7169203331-01`)).toBeNull();
    expect(parseTraceparent(`00-${TRACE_ID.toUpperCase()}-b7ad6b7169203331-01`)).toBeNull();
    expect(parseTraceparent('')).toBeNull();
  });
});

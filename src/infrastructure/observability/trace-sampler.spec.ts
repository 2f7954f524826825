import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { samplerFor } from './trace-sampler';

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

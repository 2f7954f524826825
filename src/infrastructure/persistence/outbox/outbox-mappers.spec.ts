import { DomainEvent } from '@domain/shared/domain-event';
import { outboxMapper } from './outbox.mapper';
import { processedEventMapper } from './processed-event.mapper';

const event: DomainEvent = {
  id: '0190f5e2-7c1a-7b3e-8a4d-1234567890ab',
  type: 'bank.money-transferred',
  aggregateId: '0190f5e2-7c1a-7b3e-8a4d-1234567890ac',
  occurredAt: new Date('2026-01-02T03:04:05.678Z'),
  payload: { amount: 500, note: null, nested: { ok: true } },
};

describe('outbox mappers', () => {
  it('round-trips an event whose payload comes back as text (MariaDB) or parsed (MySQL)', () => {
    const row = outboxMapper.toRow(event);
    expect(typeof row.payload).toBe('string');
    expect(outboxMapper.toDomain(row)).toEqual(event);
    expect(outboxMapper.toDomain({ ...row, payload: event.payload })).toEqual(event);
  });

  it('keeps deliverAt only when the event has one', () => {
    expect(outboxMapper.toRow(event).deliver_at).toBeNull();
    expect('deliverAt' in outboxMapper.toDomain(outboxMapper.toRow(event))).toBe(false);
    const deferred = { ...event, deliverAt: new Date('2026-01-02T03:19:05.678Z') };
    expect(outboxMapper.toDomain(outboxMapper.toRow(deferred))).toEqual(deferred);
  });

  it('keeps the trace context of the writing transaction, and none when there was none', () => {
    const row = outboxMapper.toRow(event);
    expect([row.traceparent, row.tracestate]).toEqual([null, null]);
    expect('trace' in outboxMapper.toDomain(row)).toBe(false);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    for (const trace of [{ traceparent }, { traceparent, tracestate: 'vendor=abc' }]) {
      const traced = { ...event, trace };
      expect(outboxMapper.toDomain(outboxMapper.toRow(traced))).toEqual(traced);
    }
  });

  it('round-trips a processed-event mark', () => {
    const mark = {
      subscriber: 'stay.expire-unpaid-order',
      eventId: event.id,
      processedAt: event.occurredAt,
    };
    expect(processedEventMapper.toDomain(processedEventMapper.toRow(mark))).toEqual(mark);
  });
});

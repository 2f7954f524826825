import { DomainEvent } from '@domain/shared/domain-event';
import { isUuid } from '@domain/shared/uuid';

export const ARTICLE_READS_RECORDED = 'interaction.article-reads-recorded';

/** Read counts buffered by one API process over one flush interval: `{articleId: reads}`. */
export function articleReadsRecorded(
  id: string,
  counts: Record<string, number>,
  now: Date,
): DomainEvent {
  return {
    id,
    type: ARTICLE_READS_RECORDED,
    aggregateId: id,
    occurredAt: now,
    payload: { counts },
  };
}

export function readCountsOf(event: DomainEvent): Record<string, number> {
  const counts = event.payload.counts;
  const out: Record<string, number> = {};
  if (!counts || typeof counts !== 'object') return out;
  for (const [id, n] of Object.entries(counts as Record<string, unknown>)) {
    if (isUuid(id) && typeof n === 'number' && Number.isSafeInteger(n) && n > 0) out[id] = n;
  }
  return out;
}

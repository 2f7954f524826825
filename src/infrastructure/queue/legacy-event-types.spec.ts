import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job, Queue } from 'bull';
import { ARTICLE_READS_RECORDED } from '@domain/interaction/events/article-reads-recorded.event';
import { DomainEvent } from '@domain/shared/domain-event';
import { UnitOfWork } from '@domain/shared/unit-of-work';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { OutboxRelayStore } from '../persistence/outbox/outbox-relay.store';
import { EventJobData } from './event-job';
import { EventProcessor } from './event-processor';
import { EventSubscriptionRegistry } from './event-subscriptions';
import { LEGACY_EVENT_TYPES, withCurrentType } from './legacy-event-types';
import { OutboxRelay } from './outbox-relay';

const DOMAIN = join(__dirname, '../../domain');
const SCHEME = /^[a-z]+\.[a-z]+(-[a-z]+)*$/;

/** Every exported string constant of every src/domain/<context>/events/*.event.ts, with its context. */
function declaredEventTypes(): { context: string; file: string; type: string }[] {
  const found: { context: string; file: string; type: string }[] = [];
  for (const context of readdirSync(DOMAIN)) {
    const dir = join(DOMAIN, context, 'events');
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.event.ts'));
    } catch {
      continue;
    }
    for (const file of files) {
      const exports = jest.requireActual<Record<string, unknown>>(join(dir, file));
      for (const value of Object.values(exports))
        if (typeof value === 'string') found.push({ context, file, type: value });
    }
  }
  return found;
}

describe('event type names', () => {
  const declared = declaredEventTypes();

  it('are declared as constants in every event file, none as an inline literal', () => {
    const files = new Set(declared.map((d) => `${d.context}/events/${d.file}`));
    expect(files.size).toBeGreaterThanOrEqual(6);
    for (const path of files)
      expect(readFileSync(join(DOMAIN, path), 'utf8')).not.toMatch(/type:\s*['"`]/);
  });

  it('all follow <context>.<kebab-case>, the context being the folder they live in', () => {
    for (const { context, type } of declared) {
      expect(type).toMatch(SCHEME);
      expect(type.split('.')[0]).toBe(context);
    }
  });

  it('map every legacy name to a declared current name, and no current name is legacy', () => {
    const current = new Set(declared.map((d) => d.type));
    for (const [legacy, now] of LEGACY_EVENT_TYPES) {
      expect(current.has(now)).toBe(true);
      expect(current.has(legacy)).toBe(false);
    }
    const event = legacyReadsEvent();
    expect(withCurrentType(event)).toEqual({ ...event, type: ARTICLE_READS_RECORDED });
    const currentEvent = { ...event, type: ARTICLE_READS_RECORDED };
    expect(withCurrentType(currentEvent)).toBe(currentEvent);
  });
});

function legacyReadsEvent(): DomainEvent {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    type: 'ArticleReadsRecorded',
    aggregateId: '01900000-0000-7000-8000-000000000001',
    occurredAt: new Date('2026-11-23T10:00:00.000Z'),
    payload: { counts: { '01900000-0000-7000-8000-000000000002': 3 } },
  };
}

describe('an event stored or queued under its legacy name', () => {
  const handled: DomainEvent[] = [];
  const registry = new EventSubscriptionRegistry();
  registry.register({
    name: 'interaction.apply-reads',
    eventTypes: [ARTICLE_READS_RECORDED],
    handler: { handle: async (event) => void handled.push(event) },
  });
  const uow = { run: <T>(work: () => Promise<T>) => work() } as unknown as UnitOfWork;
  const metrics = {
    outboxPublished: { inc: () => undefined },
    eventsHandled: { inc: () => undefined },
    eventHandlerDuration: { observe: () => undefined },
  } as unknown as Metrics;
  const config = {
    env: { OUTBOX_BATCH_SIZE: 100, QUEUE_ATTEMPTS: 3, QUEUE_BACKOFF_MS: 100 },
  } as AppConfig;

  beforeEach(() => (handled.length = 0));

  it('is still fanned out by the relay to the subscriber of its current name', async () => {
    const added: { name: string; data: EventJobData }[] = [];
    const queue = {
      addBulk: async (jobs: { name: string; data: EventJobData }[]) => added.push(...jobs),
    } as unknown as Queue;
    const published: string[] = [];
    const store = {
      hasUnpublished: async () => true,
      claimBatch: async () => [legacyReadsEvent()],
      markPublished: async (ids: string[]) => published.push(...ids) && ids.length,
    } as unknown as OutboxRelayStore;
    const relay = new OutboxRelay(queue, uow, store, registry, config, metrics);

    expect(await relay.relayOnce()).toBe(1);
    expect(added.map((j) => [j.name, j.data.type])).toEqual([
      ['interaction.apply-reads', ARTICLE_READS_RECORDED],
    ]);
    expect(published).toEqual([legacyReadsEvent().id]);
  });

  it('is handed by the processor to its subscriber under the current name', async () => {
    const queue = { on: () => undefined } as unknown as Queue;
    const store = { markProcessed: async () => true } as unknown as OutboxRelayStore;
    const processor = new EventProcessor(queue, queue, uow, store, registry, config, metrics);
    const event = legacyReadsEvent();
    const job = {
      name: 'interaction.apply-reads',
      data: {
        id: event.id,
        type: event.type,
        aggregateId: event.aggregateId,
        occurredAt: event.occurredAt.toISOString(),
        deliverAt: null,
        payload: event.payload,
      },
    } as Job<EventJobData>;

    await processor.handle(job);
    expect(handled).toEqual([{ ...event, type: ARTICLE_READS_RECORDED }]);
  });
});

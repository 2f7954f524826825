import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The process's Prometheus registry: HTTP latency, and the async backbone's counters. */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'outbox_events_published_total',
    help: 'Outbox rows this process published to the queues',
    registers: [this.registry],
  });

  readonly eventsHandled = new Counter({
    name: 'events_handled_total',
    help: 'Event jobs run by this process, by subscriber and outcome (handled, duplicate, error)',
    labelNames: ['subscriber', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventHandlerDuration = new Histogram({
    name: 'event_handler_duration_seconds',
    help: 'Time to run one event job (dedupe mark + subscriber, one transaction)',
    labelNames: ['subscriber'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly paymentReconciliationMismatches = new Gauge({
    name: 'payments_reconciliation_mismatches',
    help: 'Mismatches found by the last payment reconciliation this process ran (yesterday, UTC)',
    registers: [this.registry],
  });

  readonly paymentEventsNotApplied = new Counter({
    name: 'payment_provider_events_not_applied_total',
    help:
      'Signed provider notifications answered 200 but not applied, by provider and reason ' +
      '(unknown_payment: names no payment Atrium has; ignored_type: a type this version ignores)',
    labelNames: ['provider', 'reason'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}

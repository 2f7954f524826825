/** Domain events fanned out to subscribers: one job per (subscriber, event), named after the subscriber. */
export const EVENTS_QUEUE = 'events';
/** A record of every job that exhausted its attempts (subscriber, event, last error), for inspection. */
export const DEAD_LETTER_QUEUE = 'dead-letter';
/**
 * The sandbox payment provider's webhook deliveries (src/infrastructure/payment/sandbox/): one
 * job per provider event, retried with back-off until Atrium answers 2xx.
 */
export const SANDBOX_WEBHOOKS_QUEUE = 'sandbox-webhooks';

export const ALL_QUEUES = [EVENTS_QUEUE, DEAD_LETTER_QUEUE, SANDBOX_WEBHOOKS_QUEUE] as const;

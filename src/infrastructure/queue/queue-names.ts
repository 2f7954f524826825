/** Domain events fanned out to subscribers: one job per (subscriber, event), named after the subscriber. */
export const EVENTS_QUEUE = 'events';
/** A record of every job that exhausted its attempts (subscriber, event, last error), for inspection. */
export const DEAD_LETTER_QUEUE = 'dead-letter';

export const ALL_QUEUES = [EVENTS_QUEUE, DEAD_LETTER_QUEUE] as const;

import { EnvClass, IntegerVar } from '../env.decorators';

/** The async backbone (outbox relay, event queue) and the Idempotency-Key store. */
export function BackboneEnv<B extends EnvClass>(Base: B) {
  class BackboneEnv extends Base {
    /** How often an idle outbox relay looks for new rows (a full batch is followed at once). */
    @IntegerVar(10, 60_000)
    OUTBOX_POLL_INTERVAL_MS = 200;

    @IntegerVar(1, 1000)
    OUTBOX_BATCH_SIZE = 100;

    /** Published outbox rows (and subscriber dedupe marks) are deleted after this many hours. */
    @IntegerVar(1, 8760)
    OUTBOX_RETENTION_HOURS = 72;

    /** Attempts of each event job before it goes to the dead-letter queue. */
    @IntegerVar(1, 100)
    QUEUE_ATTEMPTS = 8;

    /** First retry delay; each further attempt doubles it (exponential backoff). */
    @IntegerVar(10, 3_600_000)
    QUEUE_BACKOFF_MS = 1000;

    /** Event jobs handled in parallel per worker process. */
    @IntegerVar(1, 256)
    QUEUE_CONCURRENCY = 8;

    /**
     * Only for Idempotency-Key claims committed by older versions (which claimed in a transaction of
     * their own; during a rolling deploy): a retry takes such a claim over after this long. Claims
     * now live in the business transaction, so a crash or lost connection releases them at once.
     */
    @IntegerVar(1, 3600)
    IDEMPOTENCY_CLAIM_TTL_SECONDS = 30;
  }
  return BackboneEnv;
}

import { IsIn, ValidateBy } from 'class-validator';
import { EnvClass, IntegerVar, isProduction } from '../env.decorators';

/** 0 in production: a clock offset exists so that tests can reach a check-in or check-out day. */
function ZeroInProduction(): PropertyDecorator {
  return ValidateBy({
    name: 'zeroInProduction',
    validator: {
      validate: (value: unknown, args) =>
        value === 0 || !isProduction(args?.object as { NODE_ENV?: string }),
      defaultMessage: () => 'must be 0 (unset) in production',
    },
  });
}

/** The rules of the business contexts that operators tune: stays (orders) and interaction (ranking, comments). */
export function ContextsEnv<B extends EnvClass>(Base: B) {
  class ContextsEnv extends Base {
    /** How long a placed order may stay unpaid before it is cancelled (its payBefore). */
    @IntegerVar(1, 86_400)
    ORDER_PAYMENT_TIMEOUT_SECONDS = 900;

    /** How often a worker process cancels unpaid orders past payBefore whose delayed job was lost. */
    @IntegerVar(1, 3600)
    ORDER_SWEEP_INTERVAL_SECONDS = 2;

    /** Unpaid orders a guest may hold at once (each holds its dates until paid or cancelled). */
    @IntegerVar(1, 1000)
    MAX_PENDING_ORDERS = 3;

    /**
     * The platform's share of a stay's amount, in basis points (100 = 1 %), paid from escrow to
     * `revenue` at check-in or no-show; the host gets the rest. 0..9999.
     */
    @IntegerVar(0, 9999)
    PLATFORM_FEE_BPS = 0;

    /**
     * A guest may refund a paid order until this many hours before 00:00 UTC of its check-in day.
     * Negative values reach into the check-in day (-12: until noon UTC), as long as the host
     * has not checked the guest in.
     */
    @IntegerVar(-720, 8760)
    REFUND_CUTOFF_HOURS = 24;

    /**
     * Development and test only: the stay context's clock runs this many seconds ahead (or
     * behind), so a test can reach check-in and check-out days without waiting for them.
     */
    @IntegerVar(-315_360_000, 315_360_000)
    @ZeroInProduction()
    STAY_CLOCK_OFFSET_SECONDS = 0;

    /** How often the hot ranking is recomputed. */
    @IntegerVar(1, 86_400)
    RANKING_INTERVAL_SECONDS = 60;

    /**
     * The engine behind article search (docs/search.md): `database`, the InnoDB FULLTEXT index
     * of the search_articles table. `elasticsearch` is reserved for an Elasticsearch/OpenSearch
     * adapter this build does not ship, so it is refused rather than silently ignored.
     */
    @IsIn(['database'], {
      message:
        'must be database (elasticsearch is reserved: no adapter in this build, see docs/search.md)',
    })
    SEARCH_ENGINE = 'database' as const;

    /**
     * Comments (and replies) one user may post in any 60 s (a sliding window shared by every
     * instance through Redis); the next is 429 RATE_LIMITED with Retry-After.
     */
    @IntegerVar(1, 10_000)
    COMMENT_RATE_LIMIT_PER_MINUTE = 10;
  }
  return ContextsEnv;
}

import { EnvClass, IntegerVar } from '../env.decorators';

/**
 * Overload shedding at the HTTP edge (src/infrastructure/http/overload.ts): past these limits,
 * requests (health checks and /metrics excepted) get 503 OVERLOADED at once. 0 turns a check
 * off. Under NODE_ENV=test a check the environment does not set is off.
 */
export function OverloadEnv<B extends EnvClass>(Base: B) {
  class OverloadEnv extends Base {
    /**
     * Requests in progress at once in this process. About twice DB_POOL_SIZE: past that, requests
     * only queue for a database connection, and their latency with them.
     */
    @IntegerVar(0, 1_000_000)
    OVERLOAD_MAX_IN_FLIGHT = 40;

    /** Mean event-loop delay over the last second, in milliseconds. */
    @IntegerVar(0, 60_000)
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS = 1000;

    /** Heap used, in percent of V8's heap limit. */
    @IntegerVar(0, 100)
    OVERLOAD_MAX_HEAP_USED_PERCENT = 90;

    /** Retry-After of 503 OVERLOADED, in seconds. */
    @IntegerVar(1, 3600)
    OVERLOAD_RETRY_AFTER_SECONDS = 1;
  }
  return OverloadEnv;
}

import { EnvClass, IntegerVar } from '../env.decorators';

/** The rules of the business contexts that operators tune: stays (orders) and interaction (ranking). */
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

    /** How often the hot ranking is recomputed. */
    @IntegerVar(1, 86_400)
    RANKING_INTERVAL_SECONDS = 60;
  }
  return ContextsEnv;
}

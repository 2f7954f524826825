import { EnvClass, IntegerVar } from '../env.decorators';

/** The social context's following feed (docs/social.md). */
export function SocialEnv<B extends EnvClass>(Base: B) {
  class SocialEnv extends Base {
    /**
     * Authors with at least this many followers are not fanned out on write (their articles are
     * merged in when a follower reads the feed); the mark is taken when a follow reaches it.
     */
    @IntegerVar(1, 100_000_000)
    FEED_FANOUT_MAX_FOLLOWERS = 10_000;

    /** Timelines written per fan-out job (one transaction each; the next batch is a new job). */
    @IntegerVar(1, 50_000)
    FEED_FANOUT_BATCH_SIZE = 5_000;

    /** A new follow copies this many of the followee's newest articles into the reader's timeline. */
    @IntegerVar(0, 1_000)
    FEED_BACKFILL_ARTICLES = 50;
  }
  return SocialEnv;
}

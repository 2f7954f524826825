export type CommentPostReservation =
  { reserved: true; token: string } | { reserved: false; retryAfterSeconds: number };

/**
 * The comments each user posted in the last window, shared by every instance (a sliding log:
 * no burst of twice the limit across a window boundary). Throws DependencyUnavailableError
 * when the store is unreachable.
 */
export interface CommentPostCounter {
  /**
   * One atomic step: refused when `max` posts already fall in the last `windowSeconds` (with the
   * wait until the oldest leaves the window), else this post is counted under `token`.
   */
  reserve(userId: string, max: number, windowSeconds: number): Promise<CommentPostReservation>;
  /** Gives a counted post back (it was refused by a business rule and never stored). */
  release(userId: string, token: string): Promise<void>;
}

export const COMMENT_POST_COUNTER = Symbol('CommentPostCounter');

/**
 * The withdrawals every instance must know about to keep a withdrawn article out of the ranking
 * it serves, whichever instance saw the withdrawal (see RankingService).
 */
export interface RankingWithdrawals {
  /** Shares that the article was withdrawn at `atMs`. Rejects when it could not be shared. */
  record(articleId: string, atMs: number): Promise<void>;
  /**
   * The withdrawals recorded at or after `sinceMs`, as [article id, when (ms)]. None when the
   * store can't be reached: the caller keeps what it already knows.
   */
  since(sinceMs: number): Promise<Array<[string, number]>>;
}

export const RANKING_WITHDRAWALS = Symbol('RankingWithdrawals');

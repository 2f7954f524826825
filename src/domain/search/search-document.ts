/** An article as the search index holds it: the published version's text. */
export interface SearchDocument {
  articleId: string;
  authorId: string;
  title: string;
  body: string;
  publishedAt: Date;
  /** The version of the article this state was read at (content's `updatedAt` in ms). */
  version: number;
}

/** What an index does with an incoming state of an article: see `indexDecision`. */
export type IndexDecision = 'write' | 'unchanged' | 'stale';

/**
 * The ordering rule of the index. Events arrive at least once and in any order, and each
 * subscriber run reads the article's state with the version it belongs to; the index keeps, per
 * article, the version of the state it holds (also for a withdrawn article: a tombstone).
 * - a newer version (or none held) is written;
 * - the same version is the same state, already held: nothing to write (a duplicate delivery, a
 *   reindex of an unchanged article);
 * - an older version is stale and changes nothing, so a publish delivered late never resurrects
 *   a withdrawn article and a withdrawal delivered late never hides a later republish.
 */
export function indexDecision(heldVersion: number | null, incomingVersion: number): IndexDecision {
  if (heldVersion === null || incomingVersion > heldVersion) return 'write';
  return incomingVersion === heldVersion ? 'unchanged' : 'stale';
}

import { ValidationError } from '../../shared/domain-error';
import { InvalidParentError } from './comment.errors';

export const COMMENT_MAX_CHARS = 2_000;
/** How many replies each top-level comment of an article's list carries inline. */
export const INLINE_REPLIES = 3;

/**
 * A comment as stored. Every stored comment is visible in the lists: a live comment, or the
 * placeholder (`deletedAt` set, content emptied) a deleted top-level comment leaves while it still
 * has replies. A deleted comment without replies is no longer stored at all.
 */
export interface StoredComment {
  id: string;
  articleId: string;
  /** Null: a top-level comment. Replies are one level deep: a parent is always top-level. */
  parentId: string | null;
  authorId: string;
  /** Empty once deleted. */
  content: string;
  /** The replies still stored under it (live ones: replies are never placeholders). */
  replyCount: number;
  /** Set on a placeholder: the comment was deleted while it had replies. */
  deletedAt: Date | null;
  createdAt: Date;
}

/** Characters are Unicode code points, as articles count them (and MySQL's utf8mb4 VARCHAR). */
function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** A UTF-16 surrogate without its pair: not a character, and stored as U+FFFD by the driver. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Content is stored as sent (no trimming, as for articles), 1..2,000 characters, and must hold
 * something besides whitespace: a blank comment says nothing. Control characters are accepted,
 * as in articles: the API returns JSON, which escapes them. A lone surrogate (`"\ud800"` in
 * JSON) is refused: it is no character, and the database would keep U+FFFD instead, so what
 * readers see would differ from what the author was answered.
 */
export function checkCommentContent(content: string): void {
  const n = charCount(content);
  if (n < 1 || n > COMMENT_MAX_CHARS)
    throw new ValidationError('content', `must be 1..${COMMENT_MAX_CHARS} characters`);
  if (content.trim().length === 0)
    throw new ValidationError('content', 'must contain more than whitespace');
  if (LONE_SURROGATE.test(content))
    throw new ValidationError('content', 'must be valid Unicode text (a lone surrogate is not)');
}

/**
 * A reply's parent must be a live top-level comment of the same article. An unknown id, a
 * comment of another article, a reply and a deleted comment are all the same answer (422
 * INVALID_PARENT), so the answer tells nothing about comments elsewhere.
 */
export function checkParent(parent: StoredComment | null, articleId: string): StoredComment {
  if (!parent || parent.articleId !== articleId || parent.parentId !== null || parent.deletedAt)
    throw new InvalidParentError();
  return parent;
}

export interface Actor {
  userId: string;
  isAdmin: boolean;
}

/** Its author, the article's author or an admin; anyone else gets a 404 (never a 403). */
export function mayDelete(actor: Actor, comment: StoredComment, articleAuthorId: string): boolean {
  return actor.isAdmin || actor.userId === comment.authorId || actor.userId === articleAuthorId;
}

/**
 * What deleting a visible comment changes. The article's visible count always drops by one.
 * - `placeholder`: a top-level comment with replies stays as `{deleted: true, content: ""}`;
 * - `erase`: these rows go: the comment itself, and a placeholder parent whose last reply
 *   this was (a thread with nothing left to read disappears);
 * - `parentId`: the parent whose replyCount drops by one (replies only).
 */
export type CommentRemoval =
  { kind: 'placeholder'; id: string } | { kind: 'erase'; ids: string[]; parentId: string | null };

export function planRemoval(comment: StoredComment, parent: StoredComment | null): CommentRemoval {
  if (comment.deletedAt) throw new Error('A deleted comment is not visible');
  if (comment.parentId === null) {
    return comment.replyCount > 0
      ? { kind: 'placeholder', id: comment.id }
      : { kind: 'erase', ids: [comment.id], parentId: null };
  }
  if (!parent || parent.id !== comment.parentId) throw new Error('The parent of a reply is needed');
  const lastReplyOfPlaceholder = parent.deletedAt !== null && parent.replyCount <= 1;
  return {
    kind: 'erase',
    ids: lastReplyOfPlaceholder ? [comment.id, parent.id] : [comment.id],
    parentId: lastReplyOfPlaceholder ? null : parent.id,
  };
}

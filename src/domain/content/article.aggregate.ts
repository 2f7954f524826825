import { ValidationError } from '../shared/domain-error';
import { ArticleNotPublishedError } from './content.errors';

export type ArticleStatus = 'draft' | 'published' | 'withdrawn';

export const TITLE_MAX_CHARS = 200;
export const CONTENT_MAX_CHARS = 100_000;
export const ABSTRACT_CHARS = 128;

export interface ArticleSnapshot {
  id: string;
  authorId: string;
  title: string;
  content: string;
  status: ArticleStatus;
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** What readers see: a copy of the draft taken at publish time, kept in the public store. */
export interface PublishedVersion {
  id: string;
  authorId: string;
  title: string;
  content: string;
  abstract: string;
  publishedAt: Date;
}

/** Characters are Unicode code points (as MySQL's utf8mb4 VARCHAR counts them), not UTF-16 units. */
function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * The time a transition records as `updatedAt`: `now`, or 1 ms after the previous one when the
 * clock says otherwise (another instance's clock behind, two changes in one millisecond).
 * Transitions run under the article's row lock, so `updatedAt` strictly increases with every
 * change: it is the version external indexes order an article's states by (docs/search.md).
 */
function nextUpdatedAt(previous: Date, now: Date): Date {
  return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
}

export function abstractOf(content: string): string {
  return Array.from(content).slice(0, ABSTRACT_CHARS).join('');
}

function checkTitle(title: string): void {
  const n = charCount(title);
  if (n < 1 || n > TITLE_MAX_CHARS)
    throw new ValidationError('title', `must be 1..${TITLE_MAX_CHARS} characters`);
}

function checkContent(content: string): void {
  const n = charCount(content);
  if (n < 1 || n > CONTENT_MAX_CHARS)
    throw new ValidationError('content', `must be 1..${CONTENT_MAX_CHARS} characters`);
}

/**
 * The author's side of an article: the draft and its publication state.
 *
 * draft ─publish→ published ─withdraw→ withdrawn ─publish→ published (republish).
 * Editing never touches what readers see: it marks `hasUnpublishedChanges` until the next publish
 * copies the draft to the public store. `publishedAt` is when the article last became visible
 * (from draft or withdrawn); publishing edits of a visible article keeps it, so fixing a typo
 * doesn't move an article to the top of the feed.
 */
export class Article {
  private constructor(private state: ArticleSnapshot) {}

  static create(input: {
    id: string;
    authorId: string;
    title: string;
    content: string;
    now: Date;
  }): Article {
    checkTitle(input.title);
    checkContent(input.content);
    return new Article({
      id: input.id,
      authorId: input.authorId,
      title: input.title,
      content: input.content,
      status: 'draft',
      hasUnpublishedChanges: false,
      createdAt: input.now,
      updatedAt: input.now,
      publishedAt: null,
    });
  }

  static restore(snapshot: ArticleSnapshot): Article {
    return new Article({ ...snapshot });
  }

  get id(): string {
    return this.state.id;
  }

  get authorId(): string {
    return this.state.authorId;
  }

  get status(): ArticleStatus {
    return this.state.status;
  }

  isOwnedBy(userId: string): boolean {
    return this.state.authorId === userId;
  }

  /** Returns whether anything changed (an edit to identical text is not an edit). */
  edit(changes: { title?: string; content?: string }, now: Date): boolean {
    if (changes.title !== undefined) checkTitle(changes.title);
    if (changes.content !== undefined) checkContent(changes.content);
    const title = changes.title ?? this.state.title;
    const content = changes.content ?? this.state.content;
    if (title === this.state.title && content === this.state.content) return false;
    this.state = {
      ...this.state,
      title,
      content,
      updatedAt: nextUpdatedAt(this.state.updatedAt, now),
      // Only meaningful once a version exists in the public store.
      hasUnpublishedChanges: this.state.publishedAt !== null,
    };
    return true;
  }

  /** Copies the draft into a new published version (the caller writes it to the public store). */
  publish(now: Date): PublishedVersion {
    const publishedAt =
      this.state.status === 'published' && this.state.publishedAt ? this.state.publishedAt : now;
    this.state = {
      ...this.state,
      status: 'published',
      hasUnpublishedChanges: false,
      publishedAt,
      updatedAt: nextUpdatedAt(this.state.updatedAt, now),
    };
    return {
      id: this.state.id,
      authorId: this.state.authorId,
      title: this.state.title,
      content: this.state.content,
      abstract: abstractOf(this.state.content),
      publishedAt,
    };
  }

  /** Returns false when already withdrawn (idempotent); a never-published draft can't be withdrawn. */
  withdraw(now: Date): boolean {
    if (this.state.status === 'withdrawn') return false;
    if (this.state.status !== 'published') throw new ArticleNotPublishedError();
    this.state = {
      ...this.state,
      status: 'withdrawn',
      updatedAt: nextUpdatedAt(this.state.updatedAt, now),
    };
    return true;
  }

  snapshot(): ArticleSnapshot {
    return { ...this.state };
  }
}

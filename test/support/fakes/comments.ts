import { CommentRemoval, StoredComment } from '@domain/interaction/comments/comment';
import {
  CommentPostCounter,
  CommentPostReservation,
} from '@domain/interaction/comments/comment-post-counter.port';
import { CommentRepository } from '@domain/interaction/comments/comment.repository';
import { PublicProfile, UserDirectory } from '@domain/identity/user-directory.port';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { Transactional } from './unit-of-work';

interface CommentState {
  rows: Map<string, StoredComment>;
  visible: Map<string, number>;
}

/** The comments table and article_stats.comments, as the SQL adapter changes them. */
export class InMemoryCommentRepository implements CommentRepository, Transactional {
  private state: CommentState = { rows: new Map(), visible: new Map() };

  /** article_stats.comments of an article. */
  visibleCount(articleId: string): number {
    return this.state.visible.get(articleId) ?? 0;
  }

  stored(id: string): StoredComment | undefined {
    const row = this.state.rows.get(id);
    return row && { ...row };
  }

  async add(comment: StoredComment): Promise<void> {
    if (this.state.rows.has(comment.id)) throw new Error('duplicate comment id');
    this.state.rows.set(comment.id, { ...comment });
    if (comment.parentId) {
      const parent = this.state.rows.get(comment.parentId);
      if (parent) parent.replyCount++;
    }
    this.bump(comment.articleId, 1);
  }

  async lock(id: string): Promise<StoredComment | null> {
    return this.find(id);
  }

  async find(id: string): Promise<StoredComment | null> {
    return this.stored(id) ?? null;
  }

  async remove(articleId: string, removal: CommentRemoval, now: Date): Promise<void> {
    if (removal.kind === 'placeholder') {
      const row = this.state.rows.get(removal.id);
      if (row && !row.deletedAt) Object.assign(row, { deletedAt: now, content: '' });
    } else {
      for (const id of removal.ids) this.state.rows.delete(id);
      if (removal.parentId) {
        const parent = this.state.rows.get(removal.parentId);
        if (parent) parent.replyCount--;
      }
    }
    this.bump(articleId, -1);
  }

  async topLevel(articleId: string, beforeId: string | null, limit: number) {
    return this.all()
      .filter((c) => c.articleId === articleId && c.parentId === null)
      .filter((c) => beforeId === null || c.id < beforeId)
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, limit);
  }

  async replies(articleId: string, parentId: string, afterId: string | null, limit: number) {
    return this.all()
      .filter((c) => c.articleId === articleId && c.parentId === parentId)
      .filter((c) => afterId === null || c.id > afterId)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  async firstReplies(articleId: string, parentIds: readonly string[], perParent: number) {
    const out = new Map<string, StoredComment[]>();
    for (const id of parentIds) out.set(id, await this.replies(articleId, id, null, perParent));
    return out;
  }

  saveState(): unknown {
    return {
      rows: new Map([...this.state.rows].map(([id, c]) => [id, { ...c }])),
      visible: new Map(this.state.visible),
    };
  }

  restoreState(state: unknown): void {
    this.state = state as CommentState;
  }

  private all(): StoredComment[] {
    return [...this.state.rows.values()].map((c) => ({ ...c }));
  }

  private bump(articleId: string, delta: number): void {
    this.state.visible.set(articleId, this.visibleCount(articleId) + delta);
  }
}

/** The per-user post log (Redis): counts posts, gives them back, or plays an outage. */
export class InMemoryCommentPostCounter implements CommentPostCounter {
  down = false;
  private readonly posts = new Map<string, string[]>();
  private next = 0;

  count(userId: string): number {
    return this.posts.get(userId)?.length ?? 0;
  }

  async reserve(userId: string, max: number): Promise<CommentPostReservation> {
    if (this.down) throw new DependencyUnavailableError();
    const log = this.posts.get(userId) ?? [];
    if (log.length >= max) return { reserved: false, retryAfterSeconds: 42 };
    const token = `t${this.next++}`;
    this.posts.set(userId, [...log, token]);
    return { reserved: true, token };
  }

  async release(userId: string, token: string): Promise<void> {
    if (this.down) throw new DependencyUnavailableError();
    this.posts.set(
      userId,
      (this.posts.get(userId) ?? []).filter((t) => t !== token),
    );
  }
}

/** Identity's directory: the profiles registered with `add`. */
export class InMemoryUserDirectory implements UserDirectory {
  private readonly profiles = new Map<string, PublicProfile>();

  add(profile: PublicProfile): void {
    this.profiles.set(profile.id, profile);
  }

  async publicProfiles(ids: readonly string[]): Promise<Map<string, PublicProfile>> {
    const out = new Map<string, PublicProfile>();
    for (const id of ids) {
      const p = this.profiles.get(id);
      if (p) out.set(id, p);
    }
    return out;
  }

  async profileOf(id: string): Promise<(PublicProfile & { bio: string | null }) | null> {
    const p = this.profiles.get(id);
    return p ? { ...p, bio: null } : null;
  }

  async emailOf(): Promise<string | null> {
    return null;
  }
}

import { StoredComment } from '@domain/interaction/comments/comment';
import { NotFoundError } from '@domain/shared/domain-error';
import { ArticleStatsService } from '@modules/interaction/article-stats.service';
import {
  FakeClock,
  InMemoryCommentRepository,
  InMemoryPublishedArticles,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { DeleteCommentCommand } from './delete-comment.command';
import { DeleteCommentHandler } from './delete-comment.handler';

const ARTICLE = '0190a000-0000-7000-8000-00000000a001';
const WRITER = '0190a000-0000-7000-8000-00000000b001';
const COMMENTER = '0190a000-0000-7000-8000-00000000b002';
const STRANGER = '0190a000-0000-7000-8000-00000000b003';
let seq = 0;

describe('DeleteCommentHandler', () => {
  let articles: InMemoryPublishedArticles;
  let comments: InMemoryCommentRepository;
  let handler: DeleteCommentHandler;
  let invalidated: string[];

  beforeEach(() => {
    articles = new InMemoryPublishedArticles();
    articles.publish({
      id: ARTICLE,
      title: 't',
      abstract: 'a',
      author: { id: WRITER, username: 'writer', nickname: null },
      publishedAt: new Date('2030-01-01T00:00:00.000Z'),
    });
    comments = new InMemoryCommentRepository();
    invalidated = [];
    const stats = {
      invalidate: async (ids: string[]) => void invalidated.push(...ids),
    } as unknown as ArticleStatsService;
    handler = new DeleteCommentHandler(
      articles,
      comments,
      new InMemoryUnitOfWork(comments),
      new FakeClock(),
      stats,
    );
  });

  async function add(parentId: string | null = null): Promise<StoredComment> {
    const c: StoredComment = {
      id: `0190a000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
      articleId: ARTICLE,
      parentId,
      authorId: COMMENTER,
      content: 'text',
      replyCount: 0,
      deletedAt: null,
      createdAt: new Date(),
    };
    await comments.add(c);
    return c;
  }
  const del = (userId: string, id: string, isAdmin = false) =>
    handler.execute(new DeleteCommentCommand(userId, isAdmin, id));

  it("someone else's comment on someone else's article is NOT_FOUND and stays", async () => {
    const c = await add();
    await expect(del(STRANGER, c.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(comments.stored(c.id)).toEqual(c);
    expect(comments.visibleCount(ARTICLE)).toBe(1);
    expect(invalidated).toEqual([]);
  });

  it('the commenter, the article author and an admin may delete', async () => {
    const [a, b, c] = [await add(), await add(), await add()];
    await del(COMMENTER, a.id);
    await del(WRITER, b.id);
    await del(STRANGER, c.id, true);
    expect(comments.visibleCount(ARTICLE)).toBe(0);
    expect(invalidated).toEqual([ARTICLE, ARTICLE, ARTICLE]);
  });

  it('a parent with replies becomes a placeholder, and goes with its last reply; a second delete is NOT_FOUND', async () => {
    const top = await add();
    const [r1, r2] = [await add(top.id), await add(top.id)];
    await del(COMMENTER, top.id);
    expect(comments.stored(top.id)).toEqual(
      expect.objectContaining({ content: '', deletedAt: expect.any(Date), replyCount: 2 }),
    );
    expect(comments.visibleCount(ARTICLE)).toBe(2);
    await expect(del(COMMENTER, top.id)).rejects.toBeInstanceOf(NotFoundError);
    await del(WRITER, r1.id);
    expect(comments.stored(top.id)?.replyCount).toBe(1);
    await del(WRITER, r2.id);
    expect(comments.stored(top.id)).toBeUndefined();
    expect(comments.visibleCount(ARTICLE)).toBe(0);
  });

  it('comments of a withdrawn article are NOT_FOUND, even for an admin', async () => {
    const c = await add();
    articles.withdraw(ARTICLE);
    await expect(del(COMMENTER, c.id, true)).rejects.toBeInstanceOf(NotFoundError);
    expect(comments.visibleCount(ARTICLE)).toBe(1);
  });
});

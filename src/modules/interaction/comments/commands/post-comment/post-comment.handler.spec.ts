import { InvalidParentError } from '@domain/interaction/comments/comment.errors';
import { COMMENT_POSTED } from '@domain/interaction/events/comment-posted.event';
import { NotFoundError, RateLimitedError, ValidationError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';
import { ArticleStatsService } from '@modules/interaction/article-stats.service';
import {
  FakeClock,
  InMemoryCommentPostCounter,
  InMemoryCommentRepository,
  InMemoryOutbox,
  InMemoryPublishedArticles,
  InMemoryUnitOfWork,
  InMemoryUserDirectory,
} from '@test/support/fakes';
import { CommentRateLimit } from '../../comment-rate-limit';
import { PostCommentCommand } from './post-comment.command';
import { PostCommentHandler } from './post-comment.handler';

const ARTICLE = '0190a000-0000-7000-8000-00000000a001';
const OTHER = '0190a000-0000-7000-8000-00000000a002';
const WRITER = { id: '0190a000-0000-7000-8000-00000000b001', username: 'writer', nickname: null };
const READER = { id: '0190a000-0000-7000-8000-00000000b002', username: 'reader', nickname: 'R' };

describe('PostCommentHandler', () => {
  let comments: InMemoryCommentRepository;
  let outbox: InMemoryOutbox;
  let counter: InMemoryCommentPostCounter;
  let uow: InMemoryUnitOfWork;
  let invalidated: string[];
  let handler: PostCommentHandler;

  beforeEach(() => {
    const articles = new InMemoryPublishedArticles();
    for (const id of [ARTICLE, OTHER])
      articles.publish({
        id,
        title: 't',
        abstract: 'a',
        author: WRITER,
        publishedAt: new Date('2030-01-01T00:00:00.000Z'),
      });
    const users = new InMemoryUserDirectory();
    users.add(WRITER);
    users.add(READER);
    comments = new InMemoryCommentRepository();
    outbox = new InMemoryOutbox();
    counter = new InMemoryCommentPostCounter();
    uow = new InMemoryUnitOfWork(comments, outbox);
    invalidated = [];
    const stats = {
      invalidate: async (ids: string[]) => void invalidated.push(...ids),
    } as unknown as ArticleStatsService;
    const config = { env: { COMMENT_RATE_LIMIT_PER_MINUTE: 3 } } as AppConfig;
    handler = new PostCommentHandler(
      articles,
      comments,
      uow,
      outbox,
      new FakeClock(),
      users,
      new CommentRateLimit(counter, config),
      stats,
    );
  });

  const post = (content: string, parentId: string | null = null, userId = READER.id) =>
    handler.execute(new PostCommentCommand(userId, ARTICLE, content, parentId));

  it('stores the comment, counts it on the article, records comment-posted and invalidates the cached counters', async () => {
    const c = await post('hello');
    expect(c).toEqual({
      id: expect.any(String),
      articleId: ARTICLE,
      parentId: null,
      author: READER,
      content: 'hello',
      replyCount: 0,
      deleted: false,
      createdAt: '2030-01-01T12:00:00.000Z',
    });
    expect(comments.visibleCount(ARTICLE)).toBe(1);
    expect(outbox.ofType(COMMENT_POSTED).map((e) => e.aggregateId)).toEqual([c.id]);
    expect(invalidated).toEqual([ARTICLE]);
  });

  it("a reply raises its parent's replyCount in the same unit", async () => {
    const top = await post('top');
    await post('reply', top.id, WRITER.id);
    expect(comments.stored(top.id)?.replyCount).toBe(1);
    expect(comments.visibleCount(ARTICLE)).toBe(2);
  });

  it('a refused post (invalid parent, unpublished article) changes nothing and gives its rate-limit slot back', async () => {
    const top = await post('top');
    const reply = await post('reply', top.id);
    await expect(post('x', reply.id)).rejects.toBeInstanceOf(InvalidParentError);
    await expect(
      handler.execute(new PostCommentCommand(READER.id, OTHER, 'x', top.id)),
    ).rejects.toBeInstanceOf(InvalidParentError);
    await expect(
      handler.execute(
        new PostCommentCommand(READER.id, '0190a000-0000-7000-8000-00000000a0ff', 'x', null),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(counter.count(READER.id)).toBe(2);
    expect(comments.visibleCount(ARTICLE)).toBe(2);
    expect(comments.stored(top.id)?.replyCount).toBe(1);
    expect(outbox.events).toHaveLength(2);
  });

  it('blank content is refused before anything is counted', async () => {
    await expect(post(' \n ')).rejects.toBeInstanceOf(ValidationError);
    expect(counter.count(READER.id)).toBe(0);
  });

  it('past the per-user limit the post is RATE_LIMITED with the wait, and nothing is stored', async () => {
    for (let i = 0; i < 3; i++) await post(`#${i}`);
    const refused = await post('one more').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(42);
    expect(comments.visibleCount(ARTICLE)).toBe(3);
    // Per user.
    await expect(post('writer', null, WRITER.id)).resolves.toEqual(
      expect.objectContaining({ content: 'writer' }),
    );
  });

  it('fails open when the counter store is down', async () => {
    counter.down = true;
    for (let i = 0; i < 5; i++) await post(`#${i}`);
    expect(comments.visibleCount(ARTICLE)).toBe(5);
  });

  it('a unit replayed after a deadlock stores one comment and one event', async () => {
    uow.deadlockNext(1);
    await post('once');
    expect(comments.visibleCount(ARTICLE)).toBe(1);
    expect(outbox.ofType(COMMENT_POSTED)).toHaveLength(1);
  });
});

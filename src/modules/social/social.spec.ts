import {
  articlePublished,
  articleWithdrawn,
} from '@domain/content/events/article-visibility.events';
import { ArticleCard } from '@domain/content/published-articles.port';
import { PublicProfile, UserDirectory } from '@domain/identity/user-directory.port';
import { NotFoundError, ValidationError } from '@domain/shared/domain-error';
import { DomainEvent } from '@domain/shared/domain-event';
import { newId } from '@domain/shared/uuid';
import {
  FANOUT_CONTINUED,
  USER_FOLLOWED,
  USER_UNFOLLOWED,
} from '@domain/social/events/follow.events';
import { CannotFollowSelfError } from '@domain/social/social.errors';
import type { AppConfig } from '@infra/config/app-config';
import {
  FakeClock,
  InMemoryFollowRepository,
  InMemoryOutbox,
  InMemoryPublishedArticles,
  InMemoryReactionRepository,
  InMemoryTimelineRepository,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { FollowUserCommand } from './commands/follow-user/follow-user.command';
import { FollowUserHandler } from './commands/follow-user/follow-user.handler';
import { FanOutArticleSubscriber } from './events/fan-out-article.subscriber';
import { FollowTimelineSubscriber } from './events/follow-timeline.subscriber';
import { RemoveWithdrawnSubscriber } from './events/remove-withdrawn.subscriber';
import { ListFollowingFeedHandler } from './queries/list-following-feed/list-following-feed.handler';
import { ListFollowingFeedQuery } from './queries/list-following-feed/list-following-feed.query';

function world(env: Partial<AppConfig['env']> = {}) {
  const clock = new FakeClock('2030-01-01T12:00:00.000Z');
  const follows = new InMemoryFollowRepository();
  const timeline = new InMemoryTimelineRepository();
  const outbox = new InMemoryOutbox();
  const published = new InMemoryPublishedArticles();
  const reactions = new InMemoryReactionRepository();
  const uow = new InMemoryUnitOfWork(follows, outbox);
  const users = new Map<string, PublicProfile>();
  const directory: UserDirectory = {
    publicProfiles: async (ids) =>
      new Map(ids.filter((id) => users.has(id)).map((id) => [id, users.get(id)!])),
    profileOf: async (id) => (users.has(id) ? { ...users.get(id)!, bio: null } : null),
    emailOf: async () => null,
  };
  const config = {
    env: {
      FEED_FANOUT_MAX_FOLLOWERS: 3,
      FEED_FANOUT_BATCH_SIZE: 2,
      FEED_BACKFILL_ARTICLES: 2,
      ...env,
    },
  } as unknown as AppConfig;
  const user = () => {
    const id = newId(clock.now().getTime());
    users.set(id, { id, username: `u${users.size}`, nickname: null });
    return id;
  };
  const followHandler = new FollowUserHandler(follows, directory, uow, outbox, clock, config);
  const feedHandler = new ListFollowingFeedHandler(timeline, follows, published, reactions);
  const fanOut = new FanOutArticleSubscriber(follows, timeline, published, outbox, clock, config);
  const followTimeline = new FollowTimelineSubscriber(follows, timeline, published, config);
  const withdrawn = new RemoveWithdrawnSubscriber(timeline);
  let seconds = 0;
  /** Publishes an article by `author` (1 s after the previous one) and returns its card. */
  const publish = (author: string): ArticleCard => {
    const card: ArticleCard = {
      id: newId(),
      title: 't',
      abstract: 'a',
      author: { ...users.get(author)! },
      publishedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, ++seconds)),
    };
    published.publish(card);
    return card;
  };
  const published_ = (c: ArticleCard) =>
    articlePublished(
      { articleId: c.id, authorId: c.author.id, publishedAt: c.publishedAt },
      clock.now(),
    );
  /** Delivers every pending event of the outbox (and those they append) to the subscribers. */
  const drain = async (events: DomainEvent[] = []) => {
    const queue = [...events, ...outbox.events];
    outbox.events = [];
    while (queue.length > 0) {
      const e = queue.shift()!;
      if (e.type === USER_FOLLOWED || e.type === USER_UNFOLLOWED) await followTimeline.handle(e);
      else if (e.type === FANOUT_CONTINUED || e.type === 'content.article-published')
        await fanOut.handle(e);
      else if (e.type === 'content.article-withdrawn') await withdrawn.handle(e);
      queue.push(...outbox.events);
      outbox.events = [];
    }
  };
  const feed = async (reader: string, limit = 20, cursor?: string) =>
    feedHandler.execute(new ListFollowingFeedQuery(reader, limit, cursor));
  const ids = async (reader: string) => (await feed(reader, 100)).items.map((a) => a.id);
  const follow = (a: string, b: string, on = true) =>
    followHandler.execute(new FollowUserCommand(a, b, on));
  return {
    follows,
    timeline,
    outbox,
    published,
    reactions,
    user,
    follow,
    publish,
    published_,
    drain,
    feed,
    ids,
  };
}

describe('FollowUserHandler', () => {
  it('refuses yourself (CANNOT_FOLLOW_SELF) and unknown users (404), writing nothing', async () => {
    const w = world();
    const a = w.user();
    await expect(w.follow(a, a)).rejects.toBeInstanceOf(CannotFollowSelfError);
    await expect(w.follow(a, newId())).rejects.toBeInstanceOf(NotFoundError);
    expect(w.outbox.events).toEqual([]);
    expect(await w.follows.counts(a)).toEqual({ followers: 0, following: 0 });
  });

  it('is idempotent: the second follow and the second unfollow append no event', async () => {
    const w = world();
    const [a, b] = [w.user(), w.user()];
    await w.follow(a, b);
    await w.follow(a, b);
    expect(w.outbox.ofType(USER_FOLLOWED)).toHaveLength(1);
    expect(await w.follows.counts(b)).toEqual({ followers: 1, following: 0 });
    await w.follow(a, b, false);
    await w.follow(a, b, false);
    expect(w.outbox.ofType(USER_UNFOLLOWED)).toHaveLength(1);
    expect(await w.follows.counts(b)).toEqual({ followers: 0, following: 0 });
  });
});

describe('the following feed (hybrid)', () => {
  it('fans ordinary authors out in batches, one job per batch, to every follower', async () => {
    const w = world({ FEED_FANOUT_MAX_FOLLOWERS: 100, FEED_FANOUT_BATCH_SIZE: 2 });
    const author = w.user();
    const readers = Array.from({ length: 5 }, () => w.user());
    for (const r of readers) await w.follow(r, author);
    await w.drain();
    const art = w.publish(author);
    const first = w.published_(art);
    await w.drain([first]);
    expect(w.timeline.count()).toBe(5);
    for (const r of readers) expect(await w.ids(r)).toEqual([art.id]);
    // Delivered again (at-least-once): nothing more.
    await w.drain([first]);
    expect(w.timeline.count()).toBe(5);
  });

  it('merges celebrities on read, newest first across both sources, with keyset pages', async () => {
    const w = world({ FEED_FANOUT_MAX_FOLLOWERS: 2 });
    const [reader, other, ordinary, star] = [w.user(), w.user(), w.user(), w.user()];
    await w.follow(reader, ordinary);
    await w.follow(reader, star);
    await w.follow(other, star); // star reaches 2 followers: read side from now on
    await w.drain();
    expect(await w.follows.isCelebrity(star)).toBe(true);
    const cards = [w.publish(ordinary), w.publish(star), w.publish(ordinary), w.publish(star)];
    await w.drain(cards.map(w.published_));
    // No timeline rows for the celebrity's articles.
    expect(w.timeline.count()).toBe(2);
    const expected = [...cards].reverse().map((c) => c.id);
    expect(await w.ids(reader)).toEqual(expected);
    const p1 = await w.feed(reader, 3);
    const p2 = await w.feed(reader, 3, p1.nextCursor!);
    expect([...p1.items, ...p2.items].map((a) => a.id)).toEqual(expected);
    expect(p2.nextCursor).toBeNull();
  });

  it('leaves out withdrawn articles and unfollowed authors at once, before the clean-up runs', async () => {
    const w = world({ FEED_FANOUT_MAX_FOLLOWERS: 100 });
    const [reader, a, b] = [w.user(), w.user(), w.user()];
    await w.follow(reader, a);
    await w.follow(reader, b);
    await w.drain();
    const [a1, b1] = [w.publish(a), w.publish(b)];
    await w.drain([a1, b1].map(w.published_));
    expect(await w.ids(reader)).toEqual([b1.id, a1.id]);
    w.published.withdraw(a1.id);
    expect(await w.ids(reader)).toEqual([b1.id]);
    await w.follow(reader, b, false);
    expect(await w.ids(reader)).toEqual([]);
    // Then the events clean the timeline.
    await w.drain([
      articleWithdrawn({ articleId: a1.id, authorId: a, publishedAt: a1.publishedAt }, new Date()),
    ]);
    expect(w.timeline.count()).toBe(0);
  });

  it("a follow backfills the followee's newest articles (FEED_BACKFILL_ARTICLES), not a celebrity's", async () => {
    const w = world({ FEED_FANOUT_MAX_FOLLOWERS: 100, FEED_BACKFILL_ARTICLES: 2 });
    const [reader, a] = [w.user(), w.user()];
    const cards = [w.publish(a), w.publish(a), w.publish(a)];
    await w.follow(reader, a);
    await w.drain();
    expect(w.timeline.count()).toBe(2);
    expect(await w.ids(reader)).toEqual([cards[2].id, cards[1].id]);
  });

  it('costs one timeline range of limit+1 whether the reader follows 5 or 500 authors', async () => {
    const w = world({ FEED_FANOUT_MAX_FOLLOWERS: 1000 });
    const few = w.user();
    const many = w.user();
    const authors = Array.from({ length: 500 }, () => w.user());
    for (const a of authors.slice(0, 5)) await w.follow(few, a);
    for (const a of authors) await w.follow(many, a);
    await w.drain();
    await w.drain(authors.map((a) => w.published_(w.publish(a))));
    expect((await w.feed(few, 20)).items).toHaveLength(5);
    expect((await w.feed(many, 20)).items).toHaveLength(20);
    expect(w.timeline.pageCalls.slice(-2)).toEqual([
      { readerId: few, limit: 21 },
      { readerId: many, limit: 21 },
    ]);
  });

  it('refuses a cursor it did not produce', async () => {
    const w = world();
    const r = w.user();
    for (const bad of ['x', Buffer.from('{"p":"2030-01-01","id":"1"}').toString('base64url')])
      await expect(w.feed(r, 20, bad)).rejects.toBeInstanceOf(ValidationError);
  });
});

import { newId } from '@domain/shared/uuid';
import {
  FANOUT_CONTINUED,
  fanOutBatchOf,
  fanOutContinued,
  followOf,
  USER_FOLLOWED,
  userFollowed,
  userUnfollowed,
  USER_UNFOLLOWED,
} from './follow.events';

describe('social events', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  const a = newId();
  const b = newId();

  it('follow and unfollow events carry both users and round-trip', () => {
    const f = userFollowed(a, b, now);
    const u = userUnfollowed(a, b, now);
    expect([f.type, u.type]).toEqual([USER_FOLLOWED, USER_UNFOLLOWED]);
    expect(f.id).not.toEqual(u.id);
    expect(followOf(f)).toEqual({ followerId: a, followeeId: b });
  });

  it('a malformed payload is ignored, not thrown on (a poisoned job must not retry forever)', () => {
    const f = userFollowed(a, b, now);
    expect(followOf({ ...f, payload: { followerId: 'x', followeeId: b } })).toBeNull();
    expect(followOf({ ...f, payload: {} })).toBeNull();
  });

  it('a fan-out continuation resumes exactly where the previous batch stopped', () => {
    const batch = {
      articleId: newId(),
      authorId: a,
      publishedAt: now,
      after: { since: new Date('2026-11-30T00:00:00.123Z'), userId: b },
    };
    const event = fanOutContinued(batch, now);
    expect(event.type).toBe(FANOUT_CONTINUED);
    expect(fanOutBatchOf(event)).toEqual(batch);
    expect(
      fanOutBatchOf({ ...event, payload: { ...event.payload, afterSince: 'nope' } }),
    ).toBeNull();
  });
});

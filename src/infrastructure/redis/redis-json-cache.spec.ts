import type { RedisClient } from './redis-client';
import { RedisJsonCache } from './redis-json-cache';

/** The few commands the cache sends, over a Map; `down` makes every command fail as Redis does when unreachable. */
class FakeRedis {
  readonly store = new Map<string, { value: string; ttl: number }>();
  down = false;

  private answer<T>(value: () => T): Promise<T> {
    return this.down
      ? Promise.reject(new Error('Connection is closed.'))
      : Promise.resolve(value());
  }

  get(key: string) {
    return this.answer(() => this.store.get(key)?.value ?? null);
  }

  mget(keys: string[]) {
    return this.answer(() => keys.map((k) => this.store.get(k)?.value ?? null));
  }

  set(key: string, value: string, _ex: 'EX', ttl: number) {
    return this.answer(() => {
      this.store.set(key, { value, ttl });
      return 'OK';
    });
  }

  del(...keys: string[]) {
    return this.answer(() => keys.filter((k) => this.store.delete(k)).length);
  }

  pipeline() {
    const queued: Array<() => unknown> = [];
    const pipeline = {
      set: (key: string, value: string, ex: 'EX', ttl: number) => {
        queued.push(() => this.store.set(key, { value, ttl }));
        return pipeline;
      },
      exec: () => this.answer(() => queued.map((run) => [null, run()])),
    };
    return pipeline;
  }
}

describe('RedisJsonCache', () => {
  let redis: FakeRedis;
  let cache: RedisJsonCache;
  const reviveDate = (json: unknown) => {
    const v = json as { at: string };
    if (typeof v.at !== 'string') throw new Error('not a dated value');
    return { at: new Date(v.at) };
  };

  beforeEach(() => {
    redis = new FakeRedis();
    cache = new RedisJsonCache(redis as unknown as RedisClient);
  });

  it('stores JSON with the TTL and reads it back through revive', async () => {
    await cache.set('k', { at: new Date('2024-05-01T10:00:00.000Z') }, 60);
    expect(redis.store.get('k')).toEqual({ value: '{"at":"2024-05-01T10:00:00.000Z"}', ttl: 60 });
    expect(await cache.get('k', reviveDate)).toEqual({ at: new Date('2024-05-01T10:00:00.000Z') });
    expect(await cache.get('k')).toEqual({ at: '2024-05-01T10:00:00.000Z' });
  });

  it('a missing key is a miss', async () => {
    expect(await cache.get('absent')).toBeNull();
  });

  it('an unreadable entry is a miss: not JSON, or not what revive accepts', async () => {
    redis.store.set('broken', { value: '{"at":', ttl: 60 });
    redis.store.set('other', { value: '{"x":1}', ttl: 60 });
    expect(await cache.get('broken')).toBeNull();
    expect(await cache.get('other', reviveDate)).toBeNull();
    expect(await cache.getMany(['broken', 'other'], reviveDate)).toEqual([null, null]);
  });

  it('getMany answers in the order of the keys, misses as null', async () => {
    await cache.set('a', 1, 5);
    await cache.set('c', 3, 5);
    expect(await cache.getMany(['c', 'b', 'a'])).toEqual([3, null, 1]);
    expect(await cache.getMany([])).toEqual([]);
  });

  it('setMany stores every entry with the TTL', async () => {
    await cache.setMany(
      [
        ['a', { n: 1 }],
        ['b', { n: 2 }],
      ],
      2,
    );
    expect([...redis.store]).toEqual([
      ['a', { value: '{"n":1}', ttl: 2 }],
      ['b', { value: '{"n":2}', ttl: 2 }],
    ]);
  });

  it('delete removes the keys', async () => {
    await cache.setMany(
      [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ],
      5,
    );
    await cache.delete('a', 'b');
    expect([...redis.store.keys()]).toEqual(['c']);
  });

  it('Redis down: reads miss, writes and deletes are dropped, nothing throws', async () => {
    await cache.set('k', 1, 5);
    redis.down = true;
    expect(await cache.get('k')).toBeNull();
    expect(await cache.getMany(['k', 'j'])).toEqual([null, null]);
    await expect(cache.set('k', 2, 5)).resolves.toBeUndefined();
    await expect(cache.setMany([['k', 2]], 5)).resolves.toBeUndefined();
    await expect(cache.delete('k')).resolves.toBeUndefined();
    redis.down = false;
    expect(await cache.get('k')).toBe(1);
  });

  it('a failed write is reported to onError when given', async () => {
    redis.down = true;
    const onError = jest.fn();
    await cache.set('k', 1, 5, onError);
    expect(onError).toHaveBeenCalledWith(new Error('Connection is closed.'));
  });

  describe('on a Redis Cluster (keys of one call in different slots)', () => {
    /** A cluster refuses MGET, pipelines and DEL across slots: only single-key commands pass. */
    class FakeCluster extends FakeRedis {
      readonly isCluster = true;
      override mget(): Promise<never> {
        return Promise.reject(new Error('CROSSSLOT'));
      }
      override del(...keys: string[]) {
        return keys.length > 1 ? Promise.reject(new Error('CROSSSLOT')) : super.del(...keys);
      }
      override pipeline(): never {
        throw new Error('All keys in the pipeline should belong to the same slot');
      }
    }

    beforeEach(() => {
      redis = new FakeCluster();
      cache = new RedisJsonCache(redis as unknown as RedisClient);
    });

    it('reads, writes and deletes many keys one command each', async () => {
      await cache.setMany(
        [
          ['stats:a', { n: 1 }],
          ['stats:b', { n: 2 }],
        ],
        30,
      );
      expect(redis.store.get('stats:b')).toEqual({ value: '{"n":2}', ttl: 30 });
      expect(await cache.getMany(['stats:a', 'stats:x', 'stats:b'])).toEqual([
        { n: 1 },
        null,
        { n: 2 },
      ]);
      await cache.delete('stats:a', 'stats:b');
      expect(redis.store.size).toBe(0);
    });

    it('a failing node is a miss or a dropped write, never an error', async () => {
      redis.down = true;
      await expect(cache.setMany([['k', 1]], 30)).resolves.toBeUndefined();
      await expect(cache.getMany(['k', 'l'])).resolves.toEqual([null, null]);
      await expect(cache.delete('k', 'l')).resolves.toBeUndefined();
    });
  });
});

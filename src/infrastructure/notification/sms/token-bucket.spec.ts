import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of rate tokens, then refills at rate per second', () => {
    let t = 0;
    const bucket = new TokenBucket(2, () => t);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
    t = 499;
    expect(bucket.tryTake()).toBe(false);
    t = 500;
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('never stores more than one second worth of tokens', () => {
    let t = 0;
    const bucket = new TokenBucket(3, () => t);
    t = 60_000;
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
  });
});

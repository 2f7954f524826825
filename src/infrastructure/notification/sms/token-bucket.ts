/**
 * Client-side rate limit of one provider in this process: `ratePerSecond` tokens refill
 * continuously up to a burst of the same size. Over the limit the caller moves on to the next
 * provider instead of waiting (an OTP request shouldn't queue behind a throttled gateway).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = ratePerSecond;
    this.last = now();
  }

  tryTake(): boolean {
    const t = this.now();
    this.tokens = Math.min(
      this.ratePerSecond,
      this.tokens + ((t - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

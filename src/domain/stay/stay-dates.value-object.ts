import { ValidationError } from '../shared/domain-error';

export const MAX_NIGHTS = 30;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the Unix epoch of a real calendar date `YYYY-MM-DD`, else null. */
function epochDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE_PATTERN.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a round trip tells real dates from impossible ones.
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  )
    return null;
  return ms / DAY_MS;
}

/**
 * The nights of a stay: [checkIn, checkOut) in whole UTC days. Checking out on the day the
 * next guest checks in is not an overlap.
 */
export class StayDates {
  private constructor(
    readonly checkIn: string,
    readonly checkOut: string,
    readonly nights: number,
  ) {}

  /** A stay as requested now: checkIn today (UTC) or later, 1..30 nights. */
  static request(checkIn: unknown, checkOut: unknown, now: Date): StayDates {
    const from = epochDay(checkIn);
    if (from === null) throw new ValidationError('checkIn', 'must be a real date YYYY-MM-DD');
    const to = epochDay(checkOut);
    if (to === null) throw new ValidationError('checkOut', 'must be a real date YYYY-MM-DD');
    const today = Math.floor(now.getTime() / DAY_MS);
    if (from < today) throw new ValidationError('checkIn', 'must be today (UTC) or later');
    if (to <= from) throw new ValidationError('checkOut', 'must be after checkIn');
    if (to - from > MAX_NIGHTS)
      throw new ValidationError('checkOut', `must be at most ${MAX_NIGHTS} nights after checkIn`);
    return new StayDates(checkIn as string, checkOut as string, to - from);
  }

  /** A stored stay (no "not in the past" rule: it was checked when it was booked). */
  static restore(checkIn: string, checkOut: string): StayDates {
    const from = epochDay(checkIn);
    const to = epochDay(checkOut);
    if (from === null || to === null || to <= from)
      throw new Error(`Corrupt stay dates ${checkIn}..${checkOut}`);
    return new StayDates(checkIn, checkOut, to - from);
  }

  /** Half-open ranges: they share a night iff each starts before the other ends. */
  overlaps(other: StayDates): boolean {
    return this.checkIn < other.checkOut && other.checkIn < this.checkOut;
  }
}

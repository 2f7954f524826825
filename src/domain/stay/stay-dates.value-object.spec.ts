import { ValidationError } from '../shared/domain-error';
import { MAX_NIGHTS, StayDates } from './stay-dates.value-object';

const now = new Date('2026-11-23T23:59:59.999Z');

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.fieldErrors[0].field;
    throw err;
  }
  return undefined;
}

describe('StayDates', () => {
  it('counts nights between checkIn and checkOut', () => {
    expect(StayDates.request('2026-11-23', '2026-11-24', now).nights).toBe(1);
    expect(StayDates.request('2026-12-30', '2027-01-02', now).nights).toBe(3);
    expect(StayDates.request('2028-02-28', '2028-03-01', now).nights).toBe(2);
  });

  it('accepts checkIn today (UTC) and refuses yesterday', () => {
    expect(StayDates.request('2026-11-23', '2026-11-25', now).checkIn).toBe('2026-11-23');
    expect(fieldOf(() => StayDates.request('2026-11-22', '2026-11-25', now))).toBe('checkIn');
    // 00:30 UTC on the 24th: the 23rd is already yesterday in UTC.
    expect(
      fieldOf(() =>
        StayDates.request('2026-11-23', '2026-11-25', new Date('2026-11-24T00:30:00Z')),
      ),
    ).toBe('checkIn');
  });

  it.each([
    ['2026-02-30', 'checkIn'],
    ['2027-02-29', 'checkIn'],
    ['2026-13-01', 'checkIn'],
    ['2026-1-05', 'checkIn'],
    ['2026-11-25T00:00:00Z', 'checkIn'],
    ['tomorrow', 'checkIn'],
  ])('refuses %s as a date', (bad, field) => {
    expect(fieldOf(() => StayDates.request(bad, '2026-12-01', now))).toBe(field);
    expect(fieldOf(() => StayDates.request('2026-11-25', bad, now))).toBe('checkOut');
  });

  it('refuses non-strings', () => {
    expect(fieldOf(() => StayDates.request(20261125, '2026-12-01', now))).toBe('checkIn');
    expect(fieldOf(() => StayDates.request('2026-11-25', null, now))).toBe('checkOut');
  });

  it('needs checkOut after checkIn', () => {
    expect(fieldOf(() => StayDates.request('2026-11-25', '2026-11-25', now))).toBe('checkOut');
    expect(fieldOf(() => StayDates.request('2026-11-25', '2026-11-24', now))).toBe('checkOut');
  });

  it(`allows at most ${MAX_NIGHTS} nights`, () => {
    expect(StayDates.request('2026-12-01', '2026-12-31', now).nights).toBe(30);
    expect(fieldOf(() => StayDates.request('2026-12-01', '2027-01-01', now))).toBe('checkOut');
  });

  it('overlaps when the stays share a night; adjacent stays do not', () => {
    const a = StayDates.restore('2026-12-10', '2026-12-15');
    expect(a.overlaps(StayDates.restore('2026-12-14', '2026-12-16'))).toBe(true);
    expect(a.overlaps(StayDates.restore('2026-12-05', '2026-12-11'))).toBe(true);
    expect(a.overlaps(StayDates.restore('2026-12-11', '2026-12-12'))).toBe(true);
    expect(a.overlaps(StayDates.restore('2026-12-01', '2026-12-31'))).toBe(true);
    expect(a.overlaps(StayDates.restore('2026-12-15', '2026-12-20'))).toBe(false);
    expect(a.overlaps(StayDates.restore('2026-12-01', '2026-12-10'))).toBe(false);
  });
});

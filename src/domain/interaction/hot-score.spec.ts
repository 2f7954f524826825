import { hotScore, Scored, TopN } from './hot-score';

const now = new Date('2026-11-20T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('hotScore', () => {
  it('is (likes − 1) / (hours + 2)^1.5', () => {
    expect(hotScore(1, now, now)).toBe(0);
    expect(hotScore(0, now, now)).toBeCloseTo(-1 / Math.pow(2, 1.5), 12);
    expect(hotScore(9, hoursAgo(2), now)).toBeCloseTo(8 / 8, 12);
    expect(hotScore(28, hoursAgo(7), now)).toBeCloseTo(27 / 27, 12);
    expect(hotScore(5, hoursAgo(0.5), now)).toBeCloseTo(4 / Math.pow(2.5, 1.5), 12);
  });

  it('more likes rank higher at equal age; older ranks lower at equal likes', () => {
    expect(hotScore(10, hoursAgo(3), now)).toBeGreaterThan(hotScore(5, hoursAgo(3), now));
    expect(hotScore(10, hoursAgo(1), now)).toBeGreaterThan(hotScore(10, hoursAgo(10), now));
  });

  it('treats a publish time in the future as now', () => {
    expect(hotScore(3, new Date(now.getTime() + 60_000), now)).toBe(hotScore(3, now, now));
  });
});

describe('TopN', () => {
  it('keeps the best N of a stream, best first, ties by id descending', () => {
    const top = new TopN<Scored>(3);
    const items = [5, 1, 9, 3, 9, 7, 2].map((score, i) => ({ id: `id${i}`, score }));
    items.forEach((i) => top.offer(i));
    expect(top.sorted()).toEqual([
      { id: 'id4', score: 9 },
      { id: 'id2', score: 9 },
      { id: 'id5', score: 7 },
    ]);
  });

  it('matches a full sort on random input', () => {
    const all = Array.from({ length: 5000 }, (_, i) => ({
      id: String(i).padStart(5, '0'),
      score: Math.round(Math.random() * 1000) / 10 - 50,
    }));
    const top = new TopN<Scored>(100);
    all.forEach((i) => top.offer(i));
    const expected = [...all]
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
      .slice(0, 100);
    expect(top.sorted()).toEqual(expected);
  });

  it('holds fewer than N when the stream is short', () => {
    const top = new TopN<Scored>(100);
    top.offer({ id: 'a', score: -1 });
    expect(top.sorted()).toEqual([{ id: 'a', score: -1 }]);
  });
});

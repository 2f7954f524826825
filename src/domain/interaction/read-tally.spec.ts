import {
  ARTICLE_READS_RECORDED,
  articleReadsRecorded,
  readCountsOf,
} from './events/article-reads-recorded.event';
import { ReadTally } from './read-tally';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const C = '01900000-0000-7000-8000-00000000000c';

describe('ReadTally', () => {
  it('turns many reads into one count per article and starts over after take()', () => {
    const tally = new ReadTally();
    for (let i = 0; i < 1000; i++) tally.record(i % 4 === 0 ? B : A);
    expect(tally.take()).toEqual({ [A]: 750, [B]: 250 });
    expect(tally.size).toBe(0);
    expect(tally.take()).toEqual({});
  });

  it('a batch given back (the write failed) is merged into the next one', () => {
    const tally = new ReadTally();
    tally.record(A);
    tally.record(A);
    const failed = tally.take();
    tally.record(A);
    tally.record(B);
    tally.giveBack(failed);
    expect(tally.take()).toEqual({ [A]: 3, [B]: 1 });
  });

  it('stops taking new articles past its bound, but keeps counting the known ones', () => {
    const tally = new ReadTally(2);
    tally.record(A);
    tally.record(B);
    tally.record(C);
    tally.record(A);
    expect(tally.take()).toEqual({ [A]: 2, [B]: 1 });
  });
});

describe('interaction.article-reads-recorded', () => {
  it('carries the counts and drops malformed entries when read back', () => {
    const event = articleReadsRecorded(A, { [A]: 2, [B]: 5 }, new Date('2026-11-20T10:00:00.000Z'));
    expect(event.type).toBe(ARTICLE_READS_RECORDED);
    expect(readCountsOf(event)).toEqual({ [A]: 2, [B]: 5 });
    expect(
      readCountsOf({ ...event, payload: { counts: { [A]: 2, nope: 3, [B]: -1, [C]: 1.5 } } }),
    ).toEqual({ [A]: 2 });
    expect(readCountsOf({ ...event, payload: {} })).toEqual({});
  });
});

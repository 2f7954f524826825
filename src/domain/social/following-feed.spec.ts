import { compareNewestFirst, FeedEntry, isBefore, mergeFeed } from './following-feed';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const e = (id: string, s: number, author = 'a'): FeedEntry => ({
  articleId: id,
  authorId: author,
  publishedAt: at(s),
});

describe('following feed merge', () => {
  it('merges pushed and pulled entries newest first, ties broken by id descending', () => {
    const pushed = [e('p3', 30), e('p2', 20), e('p1', 10)];
    const pulled = [e('c2', 25, 'star'), e('c1', 20, 'star')];
    expect(mergeFeed([pushed, pulled], 10).map((x) => x.articleId)).toEqual([
      'p3',
      'c2',
      'p2',
      'c1',
      'p1',
    ]);
  });

  it('keeps at most `size` entries', () => {
    const pushed = [e('p3', 30), e('p2', 20), e('p1', 10)];
    const pulled = [e('c9', 40, 'star')];
    expect(mergeFeed([pushed, pulled], 2).map((x) => x.articleId)).toEqual(['c9', 'p3']);
  });

  it('shows an article present in both sources once (author became a celebrity after its fan-out)', () => {
    const both = e('x', 15, 'star');
    expect(mergeFeed([[both, e('p', 10)], [both]], 10).map((x) => x.articleId)).toEqual(['x', 'p']);
  });

  it('empty sources give an empty feed', () => {
    expect(mergeFeed([[], []], 20)).toEqual([]);
  });

  it('compareNewestFirst and isBefore agree with the keyset order', () => {
    const list = [e('b', 10), e('a', 10), e('c', 20)].sort(compareNewestFirst);
    expect(list.map((x) => x.articleId)).toEqual(['c', 'b', 'a']);
    const cursor = { publishedAt: at(10), articleId: 'b' };
    expect(isBefore(e('a', 10), cursor)).toBe(true);
    expect(isBefore(e('b', 10), cursor)).toBe(false);
    expect(isBefore(e('c', 20), cursor)).toBe(false);
    expect(isBefore(e('z', 5), cursor)).toBe(true);
    expect(isBefore(e('z', 5), null)).toBe(true);
  });
});

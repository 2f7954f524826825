import { MAX_TERMS, searchTermsOf } from './search-terms';

describe('searchTermsOf (the only way user text reaches the full-text engine)', () => {
  it('keeps plain words, lower-cased, each once, in order', () => {
    expect(searchTermsOf('Mountain homestay MOUNTAIN views')).toEqual([
      'mountain',
      'homestay',
      'views',
    ]);
  });

  it.each([
    ['+required -excluded', ['required', 'excluded']],
    ['prefix* "exact phrase"', ['prefix', 'exact', 'phrase']],
    ['"near words" @8', ['near', 'words']],
    ['(group) ~negate <less >more', ['group', 'negate', 'less', 'more']],
    ["it's o'reilly", ['reilly']],
    ['back\\slash', ['back', 'slash']],
    ["x'; DROP TABLE search_articles; --", ['drop', 'table', 'search', 'articles']],
    ["') OR 1=1 --", []],
    ['under_score e-mail', ['under', 'score', 'mail']],
    ['%like% _pattern_', ['like', 'pattern']],
  ])('%j: operators, quotes and SQL punctuation only separate words', (query, terms) => {
    expect(searchTermsOf(query)).toEqual(terms);
    for (const term of searchTermsOf(query)) expect(term).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
  });

  it('a query of operators, punctuation, emoji or short words only has no terms', () => {
    for (const q of ['+-*"()~<>@', '"', '\\', '   ', '🙂🙂', 'a an to', '', '12'])
      expect(searchTermsOf(q)).toEqual([]);
  });

  it('words shorter than the index keeps (3 code points) are dropped; 3 is kept, counted in code points', () => {
    expect(searchTermsOf('ab abc')).toEqual(['abc']);
    expect(searchTermsOf('東京 東京タワー')).toEqual(['東京タワー']);
    expect(searchTermsOf('été')).toEqual(['été']);
  });

  it('unicode letters and digits are words; combining marks stay with their letter (NFC)', () => {
    expect(searchTermsOf('Café naïve 2026')).toEqual(['café', 'naïve', '2026']);
    expect(searchTermsOf('cafe\u0301')).toEqual(['café']);
    expect(searchTermsOf('Ωμέγα')).toEqual(['ωμέγα']);
  });

  it('words longer than the index keeps (84) are dropped; at most MAX_TERMS terms', () => {
    expect(searchTermsOf(`${'x'.repeat(85)} ok${'y'.repeat(82)}`)).toEqual([`ok${'y'.repeat(82)}`]);
    const many = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(2, '0')}`).join(' ');
    expect(searchTermsOf(many)).toHaveLength(MAX_TERMS);
  });
});

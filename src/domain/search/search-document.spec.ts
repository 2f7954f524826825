import { indexDecision } from './search-document';

describe('indexDecision (the index keeps the newest state of each article)', () => {
  it('an article the index does not hold is written', () => {
    expect(indexDecision(null, 1)).toBe('write');
  });

  it('a newer version is written (a republish after a withdrawal, a publish of edits)', () => {
    expect(indexDecision(100, 101)).toBe('write');
  });

  it('the same version is the state already held: nothing to write (duplicate delivery, reindex)', () => {
    expect(indexDecision(100, 100)).toBe('unchanged');
  });

  it('an older version is stale: a late publish never resurrects a withdrawn article, a late withdrawal never hides a republish', () => {
    expect(indexDecision(101, 100)).toBe('stale');
    expect(indexDecision(1_796_221_383_883, 1_796_221_383_882)).toBe('stale');
  });
});

import { VerifiedTokens } from './verified-tokens';

const claims = (exp?: number) => ({ sub: 's', sid: 'x', role: 'user' as const, exp });

describe('VerifiedTokens', () => {
  it('answers a remembered token until the second its exp names', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', claims(1000));
    expect(tokens.get('t', 999_999)).toEqual(claims(1000));
    // jsonwebtoken: expired when now >= exp (in whole seconds).
    expect(tokens.get('t', 1_000_000)).toBeUndefined();
    // Forgotten once expired.
    expect(tokens.size).toBe(0);
  });

  it('knows only the exact text it was given', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('abc.def.ghi', claims(2000));
    expect(tokens.get('abc.def.ghI', 0)).toBeUndefined();
    expect(tokens.get('abc.def.gh', 0)).toBeUndefined();
  });

  it('never keeps a token without an expiry', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', claims(undefined));
    expect(tokens.get('t', 0)).toBeUndefined();
  });

  it('forgets the oldest half when full', () => {
    const tokens = new (class extends VerifiedTokens {
      protected override readonly kept = 4;
    })();
    for (const t of ['a', 'b', 'c', 'd', 'e']) tokens.remember(t, claims(10));
    expect(['a', 'b', 'c', 'd', 'e'].map((t) => tokens.get(t, 0) !== undefined)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});

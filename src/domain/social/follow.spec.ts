import { assertCanFollow, becomesCelebrity } from './follow';
import { CannotFollowSelfError } from './social.errors';

describe('follow rules', () => {
  const a = '01900000-0000-7000-8000-00000000000a';
  const b = '01900000-0000-7000-8000-00000000000b';

  it('refuses following yourself with CANNOT_FOLLOW_SELF (422)', () => {
    expect(() => assertCanFollow(a, a)).toThrow(CannotFollowSelfError);
    try {
      assertCanFollow(a, a);
    } catch (e) {
      expect(e).toMatchObject({ code: 'CANNOT_FOLLOW_SELF', kind: 'unprocessable' });
    }
  });

  it('allows following someone else', () => {
    expect(() => assertCanFollow(a, b)).not.toThrow();
  });

  it('an author becomes a celebrity when a follow brings the count to the threshold', () => {
    expect(becomesCelebrity(9_999, 10_000)).toBe(false);
    expect(becomesCelebrity(10_000, 10_000)).toBe(true);
    expect(becomesCelebrity(10_001, 10_000)).toBe(true);
  });
});

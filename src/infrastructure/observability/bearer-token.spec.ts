import { bearerMatches } from './bearer-token';

describe('bearerMatches (METRICS_TOKEN)', () => {
  const token = 'metrics-token-0123456789';

  it('accepts exactly `Bearer <token>` (scheme case-insensitive)', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });

  it('refuses a missing header, another scheme, a prefix, a longer or a padded token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${token}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}0`,
      `Bearer  ${token}`,
      `Bearer ${token} x`,
      token,
    ]) {
      expect(bearerMatches(header, token)).toBe(false);
    }
  });
});

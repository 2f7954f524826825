import { newOneTimeCode, oneTimeCodeSms } from './one-time-code';

describe('one-time codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 2000 }, newOneTimeCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1900);
  });

  it.each([1, 60, 600, 86_400])(
    'the SMS text holds the code as its only 6-digit number (ttl %i s)',
    (ttl) => {
      const text = oneTimeCodeSms('012345', ttl);
      expect(text.match(/\d{6,}/g)).toEqual(['012345']);
    },
  );
});

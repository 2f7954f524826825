import { EmailVerificationToken } from './email-verification';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const token = () =>
  EmailVerificationToken.issue({
    tokenHash: Buffer.alloc(32),
    userId: 'u1',
    email: 'ada@example.com',
    now: NOW,
    ttlSeconds: 3600,
  });

describe('EmailVerificationToken', () => {
  it('verifies the address it was sent to, until it expires', () => {
    expect(token().canVerify('ada@example.com', new Date(NOW.getTime() + 3599_000))).toBe(true);
    expect(token().canVerify('ada@example.com', new Date(NOW.getTime() + 3600_000))).toBe(false);
  });

  it('is dead once used', () => {
    const used = EmailVerificationToken.restore({ ...token().props, usedAt: NOW });
    expect(used.canVerify('ada@example.com', NOW)).toBe(false);
  });

  it('cannot verify an address the user changed to afterwards', () => {
    expect(token().canVerify('other@example.com', NOW)).toBe(false);
    expect(token().canVerify(null, NOW)).toBe(false);
  });
});

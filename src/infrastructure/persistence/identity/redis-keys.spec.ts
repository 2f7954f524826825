import { emailVerificationSendKeys } from './redis-email-verification-send.counter';
import { loginAttemptKeys } from './redis-login-attempt.counter';
import { otpSendKeys } from './redis-otp-send.counter';
import { otpKeys } from './redis-otp.store';

// The slot function ioredis routes cluster commands with (its own dependency, untyped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

/** Slots as a cluster computes them: on the key as sent, REDIS_PREFIX included. */
const slots = (keys: readonly string[], prefix = 'atrium:') =>
  new Set(keys.map((key) => calculateSlot(`${prefix}${key}`)));

describe('identity keys that one Lua script uses share a cluster slot', () => {
  const users = ['0b9c3d4e-1f2a-4b5c-8d6e-7f8091a2b3c4', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d'];
  const phones = ['+15550100001', '+33612345678'];

  it.each(phones)('OTP code and resend marker of %s', (phone) => {
    expect(otpKeys(phone)).toEqual([`otp:code:{${phone}}`, `otp:resend:{${phone}}`]);
    expect(slots(otpKeys(phone)).size).toBe(1);
    expect(slots(otpKeys(phone), 'other-deployment:').size).toBe(1);
  });

  it('different phones spread over slots (a tag per phone, not one for all)', () => {
    expect(slots(phones.flatMap((p) => otpKeys(p))).size).toBe(2);
  });

  it.each(users)('email verification window and hourly counter of %s', (userId) => {
    expect(emailVerificationSendKeys(userId)).toEqual([
      `email-verification:last:{${userId}}`,
      `email-verification:hour:{${userId}}`,
    ]);
    expect(slots(emailVerificationSendKeys(userId)).size).toBe(1);
  });

  it('the three OTP send quotas (per client, per prefix, global)', () => {
    const keys = [
      ...otpSendKeys({ client: '203.0.113.7', prefix: '+1555' }),
      ...otpSendKeys({ client: '2001:db8::/64', prefix: '+3361' }),
    ];
    expect(keys[2]).toBe('{otp-send}:global');
    expect(slots(keys).size).toBe(1);
  });

  it('the login counters of a typed name and an account', () => {
    const keys = [
      ...loginAttemptKeys({ foldedLogin: 'alice@example.com', accountId: users[0] }),
      ...loginAttemptKeys({ foldedLogin: 'bob', accountId: users[1] }),
    ];
    expect(keys).toHaveLength(4);
    expect(keys.every((k) => k.startsWith('{login-failures}:'))).toBe(true);
    expect(slots(keys).size).toBe(1);
  });
});

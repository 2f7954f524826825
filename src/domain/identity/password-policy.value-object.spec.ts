import { ValidationError } from '../shared/domain-error';
import {
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_BYTES,
  PlainPassword,
} from './password-policy.value-object';

function rejection(raw: string, field?: string): ValidationError {
  try {
    PlainPassword.create(raw, field);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('PlainPassword', () => {
  it('has an 8..72 byte window', () => {
    expect(PASSWORD_MIN_BYTES).toBe(8);
    expect(PASSWORD_MAX_BYTES).toBe(72);
  });

  describe('length is measured in UTF-8 bytes', () => {
    it('accepts exactly 8 bytes', () => {
      expect(PlainPassword.create('abcd1234').value).toBe('abcd1234');
    });

    it('rejects 7 bytes', () => {
      expect(() => PlainPassword.create('abc1234')).toThrow(ValidationError);
    });

    it('accepts exactly 72 ASCII bytes', () => {
      const raw = 'a1'.repeat(36);
      expect(bytes(raw)).toBe(72);
      expect(PlainPassword.create(raw).value).toBe(raw);
    });

    it('rejects 73 ASCII bytes', () => {
      const raw = 'a1'.repeat(36) + 'a';
      expect(() => PlainPassword.create(raw)).toThrow(ValidationError);
    });

    it('accepts a multibyte password of exactly 72 bytes', () => {
      const raw = 'é'.repeat(35) + '12'; // 35 × 2 + 2 bytes, 37 characters
      expect(bytes(raw)).toBe(72);
      expect(PlainPassword.create(raw).value).toBe(raw);
    });

    it('rejects a multibyte password of 73 bytes even though it has far fewer characters', () => {
      const raw = 'é'.repeat(36) + '1'; // 73 bytes, only 37 characters
      expect(bytes(raw)).toBe(73);
      expect(raw.length).toBeLessThan(72);
      expect(() => PlainPassword.create(raw)).toThrow(ValidationError);
    });

    it('rejects 4-byte characters that push the total over 72 bytes', () => {
      const raw = '🔒'.repeat(18) + 'a1'; // 18 × 4 + 2 = 74 bytes
      expect(() => PlainPassword.create(raw)).toThrow(ValidationError);
    });
  });

  describe('composition', () => {
    it.each([
      ['abcdefgh', 'no digit'],
      ['12345678', 'no letter'],
      ['!@#$%^&*()', 'neither'],
    ])('rejects %p (%s)', (raw) => {
      expect(() => PlainPassword.create(raw)).toThrow(ValidationError);
    });

    it('counts non-Latin letters as letters', () => {
      expect(PlainPassword.create('пароль123').value).toBe('пароль123');
    });

    it('accepts a letter and a digit among symbols and spaces', () => {
      expect(PlainPassword.create('  x -- 9 !!').value).toBe('  x -- 9 !!');
    });
  });

  describe('errors', () => {
    it('is a ValidationError with code VALIDATION_FAILED on the default "password" field', () => {
      const error = rejection('short1');
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fieldErrors[0].field).toBe('password');
    });

    it('reports the field name it was given', () => {
      expect(rejection('short1', 'newPassword').fieldErrors[0].field).toBe('newPassword');
      expect(rejection('nodigitshere', 'currentPassword').fieldErrors[0].field).toBe(
        'currentPassword',
      );
    });

    it('does not echo the password in the error', () => {
      const secret = 'onlyletterssecret';
      const error = rejection(secret);
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error.fieldErrors)).not.toContain(secret);
    });
  });

  describe('secrecy', () => {
    const secret = 'correct horse 42';
    const password = PlainPassword.create(secret);

    it('keeps the value available to the hasher', () => {
      expect(password.value).toBe(secret);
    });

    it('never reveals the password through toString', () => {
      expect(password.toString()).not.toContain(secret);
      expect(String(password)).not.toContain(secret);
      expect(`${password}`).not.toContain(secret);
    });
  });
});

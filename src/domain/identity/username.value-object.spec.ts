import { ValidationError } from '../shared/domain-error';
import { Username } from './username.value-object';

const USERNAME_RULE = /^[a-z0-9_]{3,32}$/;

describe('Username', () => {
  describe('create', () => {
    it.each([
      ['abc', 'the shortest allowed (3 chars)'],
      ['a'.repeat(32), 'the longest allowed (32 chars)'],
      ['john_doe_42', 'lowercase letters, digits and underscores'],
      ['___', 'underscores only'],
      ['123', 'digits only'],
    ])('accepts %p: %s', (raw) => {
      expect(Username.create(raw).value).toBe(raw);
    });

    it.each([
      ['ab', 'too short (2 chars)'],
      ['a'.repeat(33), 'too long (33 chars)'],
      ['', 'empty'],
      ['JohnDoe', 'uppercase letters'],
      ['josé', 'non-ASCII letters'],
      ['имя_пользователя', 'non-Latin script'],
      ['john.doe', 'a dot'],
      ['john-doe', 'a hyphen'],
      ['john doe', 'a space'],
      [' john', 'surrounding whitespace (not trimmed)'],
    ])('rejects %p: %s', (raw) => {
      expect(() => Username.create(raw)).toThrow(ValidationError);
    });

    it('reports the failure on the "username" field', () => {
      try {
        Username.create('x');
        throw new Error('expected a ValidationError');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fieldErrors[0].field).toBe('username');
      }
    });
  });

  describe('derive', () => {
    it('turns an email local part into a valid username', () => {
      const username = Username.derive('John.Doe+news');
      expect(username.value).toBe('john_doe_news');
    });

    it('replaces non-ASCII characters instead of failing', () => {
      const username = Username.derive('José.Núñez');
      expect(username.value).toMatch(USERNAME_RULE);
      expect(username.value.startsWith('jos')).toBe(true);
    });

    it('pads a short seed with a "user_" prefix', () => {
      expect(Username.derive('ab').value).toBe('user_ab');
      expect(Username.derive('').value).toBe('user_');
    });

    it('keeps a seed that is already valid unchanged', () => {
      expect(Username.derive('alice_99').value).toBe('alice_99');
    });

    it('cuts a long seed to 32 characters', () => {
      const username = Username.derive('a'.repeat(40));
      expect(username.value).toBe('a'.repeat(32));
    });

    it('cuts a long seed so that the suffix still fits within 32 characters', () => {
      const username = Username.derive('b'.repeat(40), '_7f3a');
      expect(username.value).toHaveLength(32);
      expect(username.value).toBe('b'.repeat(27) + '_7f3a');
    });

    it('appends the suffix to a short seed after padding it', () => {
      expect(Username.derive('ab', '_1').value).toBe('user_ab_1');
    });

    it.each(['+15551234567', 'Ünïcødé', '😀😀😀😀', 'x'.repeat(100), '..'])(
      'always yields a name matching the username rule for seed %p',
      (seed) => {
        expect(Username.derive(seed).value).toMatch(USERNAME_RULE);
        expect(Username.derive(seed, '_9z').value).toMatch(USERNAME_RULE);
      },
    );
  });
});

import { ValidationError } from '../shared/domain-error';
import { Email } from './email.value-object';
import { Phone } from './phone.value-object';
import { User, UserProps } from './user.aggregate';
import { Username } from './username.value-object';

const REGISTERED_AT = new Date('2024-01-10T12:00:00.000Z');
const LATER = new Date('2024-06-15T09:30:00.000Z');

function registerUser(overrides: Partial<Parameters<typeof User.register>[0]> = {}): User {
  return User.register({
    id: 'user-1',
    username: Username.create('alice'),
    email: Email.create('alice@example.com'),
    passwordHash: '$2b$12$hash',
    fullName: 'Alice Liddell',
    now: REGISTERED_AT,
    ...overrides,
  });
}

function verifiedUser(): User {
  return User.restore({ ...registerUser().snapshot(), emailVerified: true });
}

function fieldOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors[0].field;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('User', () => {
  describe('register', () => {
    it('starts as an unverified regular user with empty profile fields', () => {
      const s = registerUser().snapshot();
      expect(s).toEqual<UserProps>({
        id: 'user-1',
        username: 'alice',
        email: 'alice@example.com',
        phone: null,
        passwordHash: '$2b$12$hash',
        fullName: 'Alice Liddell',
        nickname: null,
        bio: null,
        birthday: null,
        role: 'user',
        emailVerified: false,
        createdAt: REGISTERED_AT,
        updatedAt: REGISTERED_AT,
      });
    });

    it('accepts an explicit role', () => {
      expect(registerUser({ role: 'admin' }).role).toBe('admin');
    });

    it('trims the full name', () => {
      expect(registerUser({ fullName: '  Alice Liddell \t' }).snapshot().fullName).toBe(
        'Alice Liddell',
      );
    });

    it.each(['', '   '])('rejects an empty full name %p', (fullName) => {
      expect(fieldOf(() => registerUser({ fullName }))).toBe('fullName');
    });

    it('accepts a one-character and a 100-character full name', () => {
      expect(registerUser({ fullName: 'A' }).snapshot().fullName).toBe('A');
      expect(registerUser({ fullName: 'x'.repeat(100) }).snapshot().fullName).toHaveLength(100);
    });

    it('rejects a 101-character full name', () => {
      expect(fieldOf(() => registerUser({ fullName: 'x'.repeat(101) }))).toBe('fullName');
    });

    it('counts characters, not UTF-16 code units, in the full name', () => {
      const hundredEmoji = '😀'.repeat(100); // 200 code units
      expect(registerUser({ fullName: hundredEmoji }).snapshot().fullName).toBe(hundredEmoji);
      expect(fieldOf(() => registerUser({ fullName: '😀'.repeat(101) }))).toBe('fullName');
    });
  });

  describe('updateProfile', () => {
    it('changes the full name (trimmed) and stamps updatedAt', () => {
      const user = registerUser();
      user.updateProfile({ fullName: '  Alice L. ' }, LATER);
      expect(user.snapshot().fullName).toBe('Alice L.');
      expect(user.snapshot().updatedAt).toEqual(LATER);
    });

    it('validates the full name like register does', () => {
      expect(fieldOf(() => registerUser().updateProfile({ fullName: ' ' }, LATER))).toBe(
        'fullName',
      );
    });

    it('sets a trimmed nickname', () => {
      const user = registerUser();
      user.updateProfile({ nickname: '  ally ' }, LATER);
      expect(user.snapshot().nickname).toBe('ally');
    });

    it.each(['', '   ', null])('clears the nickname when given %p', (nickname) => {
      const user = registerUser();
      user.updateProfile({ nickname: 'ally' }, LATER);
      user.updateProfile({ nickname }, LATER);
      expect(user.snapshot().nickname).toBeNull();
    });

    it('limits the nickname to 50 characters', () => {
      const user = registerUser();
      user.updateProfile({ nickname: 'n'.repeat(50) }, LATER);
      expect(user.snapshot().nickname).toHaveLength(50);
      expect(fieldOf(() => user.updateProfile({ nickname: 'n'.repeat(51) }, LATER))).toBe(
        'nickname',
      );
    });

    it('sets and clears the bio, limited to 500 characters', () => {
      const user = registerUser();
      user.updateProfile({ bio: ' Curious. ' }, LATER);
      expect(user.snapshot().bio).toBe('Curious.');
      user.updateProfile({ bio: '' }, LATER);
      expect(user.snapshot().bio).toBeNull();
      expect(fieldOf(() => user.updateProfile({ bio: 'b'.repeat(501) }, LATER))).toBe('bio');
    });

    it('leaves fields that are not in the patch untouched', () => {
      const user = registerUser();
      user.updateProfile({ nickname: 'ally', bio: 'Curious.', birthday: '1990-05-04' }, LATER);
      user.updateProfile({ nickname: 'al' }, LATER);
      const s = user.snapshot();
      expect(s.nickname).toBe('al');
      expect(s.bio).toBe('Curious.');
      expect(s.birthday).toBe('1990-05-04');
      expect(s.fullName).toBe('Alice Liddell');
    });

    it('applies nothing when any field of the patch is invalid', () => {
      const user = registerUser();
      const before = user.snapshot();
      expect(() => user.updateProfile({ nickname: 'ally', birthday: '2023-02-30' }, LATER)).toThrow(
        ValidationError,
      );
      expect(user.snapshot()).toEqual(before);
    });

    describe('birthday', () => {
      it.each(['1990-05-04', '2000-02-29', '1900-01-01', '2024-06-15'])(
        'accepts %p',
        (birthday) => {
          const user = registerUser();
          user.updateProfile({ birthday }, LATER);
          expect(user.snapshot().birthday).toBe(birthday);
        },
      );

      it('clears the birthday with null', () => {
        const user = registerUser();
        user.updateProfile({ birthday: '1990-05-04' }, LATER);
        user.updateProfile({ birthday: null }, LATER);
        expect(user.snapshot().birthday).toBeNull();
      });

      it.each(['2023-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10'])(
        'rejects the impossible calendar date %p',
        (birthday) => {
          expect(fieldOf(() => registerUser().updateProfile({ birthday }, LATER))).toBe('birthday');
        },
      );

      it.each(['1990-5-4', '04/05/1990', '1990-05-04T00:00:00Z', '', 'yesterday'])(
        'rejects the malformed value %p',
        (birthday) => {
          expect(fieldOf(() => registerUser().updateProfile({ birthday }, LATER))).toBe('birthday');
        },
      );

      it('rejects a date in the future', () => {
        expect(fieldOf(() => registerUser().updateProfile({ birthday: '2024-06-16' }, LATER))).toBe(
          'birthday',
        );
      });

      it('rejects a date before 1900', () => {
        expect(fieldOf(() => registerUser().updateProfile({ birthday: '1899-12-31' }, LATER))).toBe(
          'birthday',
        );
      });
    });
  });

  describe('changeEmail', () => {
    it('stores a new address and requires it to be verified again', () => {
      const user = verifiedUser();
      user.changeEmail(Email.create('alice@wonderland.org'), LATER);
      const s = user.snapshot();
      expect(s.email).toBe('alice@wonderland.org');
      expect(s.emailVerified).toBe(false);
      expect(s.updatedAt).toEqual(LATER);
    });

    it('keeps verification when the address does not change', () => {
      const user = verifiedUser();
      user.changeEmail(Email.create('  ALICE@example.com '), LATER);
      const s = user.snapshot();
      expect(s.email).toBe('alice@example.com');
      expect(s.emailVerified).toBe(true);
      expect(s.updatedAt).toEqual(REGISTERED_AT);
    });
  });

  describe('promoteToAdmin', () => {
    it('makes a user an admin', () => {
      const user = registerUser();
      user.promoteToAdmin(LATER);
      expect(user.role).toBe('admin');
      expect(user.snapshot().updatedAt).toEqual(LATER);
    });

    it('is idempotent: promoting an admin changes nothing', () => {
      const user = registerUser({ role: 'admin' });
      user.promoteToAdmin(LATER);
      expect(user.role).toBe('admin');
      expect(user.snapshot().updatedAt).toEqual(REGISTERED_AT);
    });
  });

  describe('changePasswordHash', () => {
    it('replaces the hash and stamps updatedAt', () => {
      const user = registerUser();
      user.changePasswordHash('$2b$12$other', LATER);
      expect(user.passwordHash).toBe('$2b$12$other');
      expect(user.snapshot().updatedAt).toEqual(LATER);
    });
  });

  describe('snapshot', () => {
    it('is a copy: mutating it does not change the aggregate', () => {
      const user = registerUser();
      const s = user.snapshot() as UserProps;
      s.fullName = 'Mallory';
      s.role = 'admin';
      s.email = 'mallory@example.com';
      expect(user.role).toBe('user');
      expect(user.email).toBe('alice@example.com');
      expect(user.snapshot().fullName).toBe('Alice Liddell');
    });

    it('restore does not alias the props it was given', () => {
      const props = registerUser().snapshot() as UserProps;
      const user = User.restore(props);
      props.role = 'admin';
      expect(user.role).toBe('user');
    });
  });

  describe('registerByPhone', () => {
    it('creates a password-less, email-less user named after the phone', () => {
      const s = User.registerByPhone({
        id: 'user-2',
        username: Username.derive('p14155550123'),
        phone: Phone.create('+14155550123'),
        now: REGISTERED_AT,
      }).snapshot();
      expect(s).toMatchObject({
        phone: '+14155550123',
        email: null,
        passwordHash: null,
        role: 'user',
        emailVerified: false,
        fullName: '+14155550123',
      });
      expect(s.username).toBe('p14155550123');
    });
  });

  describe('confirmEmail', () => {
    it('verifies the current address', () => {
      const user = registerUser();
      expect(user.confirmEmail('alice@example.com', LATER)).toBe(true);
      expect(user.snapshot()).toMatchObject({ emailVerified: true, updatedAt: LATER });
    });

    it('refuses an address the user no longer has', () => {
      const user = registerUser();
      user.changeEmail(Email.create('new@example.com'), LATER);
      expect(user.confirmEmail('alice@example.com', LATER)).toBe(false);
      expect(user.emailVerified).toBe(false);
    });

    it('a verified address that changes must be verified again', () => {
      const user = verifiedUser();
      user.changeEmail(Email.create('new@example.com'), LATER);
      expect(user.emailVerified).toBe(false);
      expect(user.confirmEmail('new@example.com', LATER)).toBe(true);
      expect(user.emailVerified).toBe(true);
    });
  });
});

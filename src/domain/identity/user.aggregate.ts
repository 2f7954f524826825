import { ValidationError } from '../shared/domain-error';
import { Email } from './email.value-object';
import { Phone } from './phone.value-object';
import { Username } from './username.value-object';

export type Role = 'user' | 'admin';
export const ROLES: readonly Role[] = ['user', 'admin'];

export interface UserProps {
  id: string;
  username: string;
  email: string | null;
  phone: string | null;
  passwordHash: string | null;
  fullName: string;
  nickname: string | null;
  bio: string | null;
  /** `YYYY-MM-DD` */
  birthday: string | null;
  role: Role;
  emailVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProfilePatch {
  fullName?: string;
  nickname?: string | null;
  bio?: string | null;
  birthday?: string | null;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class User {
  private constructor(private props: UserProps) {}

  static register(input: {
    id: string;
    username: Username;
    email: Email;
    passwordHash: string;
    fullName: string;
    role?: Role;
    now: Date;
  }): User {
    return new User({
      id: input.id,
      username: input.username.value,
      email: input.email.value,
      phone: null,
      passwordHash: input.passwordHash,
      fullName: User.checkFullName(input.fullName),
      nickname: null,
      bio: null,
      birthday: null,
      role: input.role ?? 'user',
      emailVerified: false,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  /**
   * First sign-in with a one-time code: the phone is the only credential. No email, no
   * password (one can be set later, see ChangePasswordHandler); the phone doubles as the name.
   */
  static registerByPhone(input: { id: string; username: Username; phone: Phone; now: Date }): User {
    return new User({
      id: input.id,
      username: input.username.value,
      email: null,
      phone: input.phone.value,
      passwordHash: null,
      fullName: input.phone.value,
      nickname: null,
      bio: null,
      birthday: null,
      role: 'user',
      emailVerified: false,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(props: UserProps): User {
    return new User({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get role(): Role {
    return this.props.role;
  }
  get passwordHash(): string | null {
    return this.props.passwordHash;
  }
  get email(): string | null {
    return this.props.email;
  }
  get emailVerified(): boolean {
    return this.props.emailVerified;
  }

  snapshot(): Readonly<UserProps> {
    return { ...this.props };
  }

  updateProfile(patch: ProfilePatch, now: Date): void {
    const next = { ...this.props };
    if (patch.fullName !== undefined) next.fullName = User.checkFullName(patch.fullName);
    if (patch.nickname !== undefined)
      next.nickname = User.checkOptionalText('nickname', patch.nickname, 50);
    if (patch.bio !== undefined) next.bio = User.checkOptionalText('bio', patch.bio, 500);
    if (patch.birthday !== undefined) next.birthday = User.checkBirthday(patch.birthday, now);
    next.updatedAt = now;
    this.props = next;
  }

  /** A new address must be proven again. */
  changeEmail(email: Email, now: Date): void {
    if (email.value === this.props.email) return;
    this.props = { ...this.props, email: email.value, emailVerified: false, updatedAt: now };
  }

  /**
   * Marks `email` verified if it is still the account's address (a link sent to an earlier
   * address proves nothing about the current one). Returns whether it applied.
   */
  confirmEmail(email: string, now: Date): boolean {
    if (this.props.email === null || this.props.email !== email) return false;
    if (!this.props.emailVerified)
      this.props = { ...this.props, emailVerified: true, updatedAt: now };
    return true;
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.props = { ...this.props, passwordHash, updatedAt: now };
  }

  promoteToAdmin(now: Date): void {
    if (this.props.role === 'admin') return;
    this.props = { ...this.props, role: 'admin', updatedAt: now };
  }

  private static checkFullName(value: string): string {
    const trimmed = value.trim();
    if ([...trimmed].length < 1 || [...trimmed].length > 100) {
      throw new ValidationError('fullName', 'must be 1-100 characters');
    }
    return trimmed;
  }

  private static checkOptionalText(
    field: string,
    value: string | null,
    max: number,
  ): string | null {
    if (value === null) return null;
    const trimmed = value.trim();
    if ([...trimmed].length > max)
      throw new ValidationError(field, `must be at most ${max} characters`);
    return trimmed.length === 0 ? null : trimmed;
  }

  private static checkBirthday(value: string | null, now: Date): string | null {
    if (value === null) return null;
    const parsed = new Date(`${value}T00:00:00.000Z`);
    if (
      !DATE_PATTERN.test(value) ||
      Number.isNaN(parsed.getTime()) ||
      parsed.toISOString().slice(0, 10) !== value
    ) {
      throw new ValidationError('birthday', 'must be a valid date YYYY-MM-DD');
    }
    if (parsed.getTime() > now.getTime() || parsed.getUTCFullYear() < 1900) {
      throw new ValidationError('birthday', 'must be a date between 1900-01-01 and today');
    }
    return value;
  }
}

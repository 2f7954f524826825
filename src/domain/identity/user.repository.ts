import { LoginName } from './login-name';
import { User } from './user.aggregate';

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  /** Exact match on the stored username or email (see parseLogin). */
  findByLogin(login: LoginName): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  findByPhone(phone: string): Promise<User | null>;
  existsByUsername(username: string): Promise<boolean>;
  /** Inserts or updates. Throws UsernameTakenError / EmailTakenError / PhoneTakenError on uniqueness races. */
  save(user: User): Promise<void>;
}

export const USER_REPOSITORY = Symbol('UserRepository');

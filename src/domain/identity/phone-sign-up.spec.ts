import { PhoneTakenError, UsernameTakenError } from './identity.errors';
import { findOrRegisterByPhone } from './phone-sign-up';
import { Phone } from './phone.value-object';
import { User } from './user.aggregate';
import { UserRepository } from './user.repository';
import { Username } from './username.value-object';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const PHONE = Phone.create('+14155550123');

/** Users with the database's unique keys; `raceOnPhone` simulates another first sign-in winning. */
class InMemoryUsers {
  readonly rows: User[] = [];
  raceOnPhone: User | null = null;
  saves = 0;

  async findByPhone(phone: string): Promise<User | null> {
    return this.rows.find((u) => u.snapshot().phone === phone) ?? null;
  }

  async save(user: User): Promise<void> {
    this.saves += 1;
    if (this.raceOnPhone) {
      this.rows.push(this.raceOnPhone);
      this.raceOnPhone = null;
      throw new PhoneTakenError();
    }
    if (this.rows.some((u) => u.snapshot().username === user.snapshot().username))
      throw new UsernameTakenError();
    this.rows.push(user);
  }
}

function phoneUser(id: string, username: string, phone = PHONE): User {
  return User.registerByPhone({ id, username: Username.create(username), phone, now: NOW });
}

describe('findOrRegisterByPhone', () => {
  let users: InMemoryUsers;
  const signIn = () =>
    findOrRegisterByPhone(PHONE, {
      users: users as unknown as UserRepository,
      uow: { run: (work) => work() },
      clock: { now: () => NOW },
    });

  beforeEach(() => {
    users = new InMemoryUsers();
  });

  it('the first sign-in creates a password-less user named p<digits>', async () => {
    const user = await signIn();
    expect(user.snapshot()).toMatchObject({
      username: 'p14155550123',
      phone: '+14155550123',
      passwordHash: null,
      email: null,
    });
    expect(users.rows).toEqual([user]);
  });

  it('a later sign-in returns the phone’s user', async () => {
    const existing = phoneUser('u-1', 'someone');
    users.rows.push(existing);
    expect(await signIn()).toBe(existing);
    expect(users.saves).toBe(0);
  });

  it('a taken username gets a random suffix', async () => {
    users.rows.push(phoneUser('u-1', 'p14155550123', Phone.create('+4915112345678')));
    const user = await signIn();
    expect(user.snapshot().username).toMatch(/^p14155550123_[0-9a-f]{6}$/);
  });

  it('losing the race for the phone yields the winner’s user', async () => {
    const winner = phoneUser('u-winner', 'p14155550123');
    users.raceOnPhone = winner;
    expect(await signIn()).toBe(winner);
    expect(users.rows).toEqual([winner]);
  });

  it('gives up after 5 taken usernames', async () => {
    users.save = async () => {
      users.saves += 1;
      throw new UsernameTakenError();
    };
    await expect(signIn()).rejects.toBeInstanceOf(UsernameTakenError);
    expect(users.saves).toBe(5);
  });
});

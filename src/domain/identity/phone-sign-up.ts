import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { UnitOfWork } from '../shared/unit-of-work';
import { newId } from '../shared/uuid';
import { PhoneTakenError, UsernameTakenError } from './identity.errors';
import type { Phone } from './phone.value-object';
import { User } from './user.aggregate';
import type { UserRepository } from './user.repository';
import { Username } from './username.value-object';

/** Tries for a free derived username before giving up (each retry adds a random suffix). */
const USERNAME_TRIES = 5;

/**
 * The user of a phone that just proved itself with a one-time code, created on its first
 * sign-in: username `p<digits>`, or `p<digits>_<random>` if someone already holds that name.
 * The unique keys decide races: losing the race for the phone yields the winner's user.
 */
export async function findOrRegisterByPhone(
  phone: Phone,
  deps: { users: UserRepository; uow: UnitOfWork; clock: Clock },
): Promise<User> {
  const existing = await deps.users.findByPhone(phone.value);
  if (existing) return existing;
  const seed = `p${phone.value.slice(1)}`;
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock.now();
    const suffix = attempt === 0 ? '' : `_${randomBytes(3).toString('hex')}`;
    const user = User.registerByPhone({
      id: newId(now.getTime()),
      username: Username.derive(seed, suffix),
      phone,
      now,
    });
    try {
      await deps.uow.run(() => deps.users.save(user));
      return user;
    } catch (err) {
      if (err instanceof PhoneTakenError) {
        const winner = await deps.users.findByPhone(phone.value);
        if (winner) return winner;
      }
      if (!(err instanceof UsernameTakenError) || attempt + 1 >= USERNAME_TRIES) throw err;
    }
  }
}

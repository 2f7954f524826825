import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { Email } from '@domain/identity/email.value-object';
import { UsernameTakenError } from '@domain/identity/identity.errors';
import { PASSWORD_HASHER, PasswordHasher } from '@domain/identity/password-hasher.port';
import { User } from '@domain/identity/user.aggregate';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { Username } from '@domain/identity/username.value-object';
import { AppConfig } from '@infra/config/app-config';

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD: at start, creates that admin, or promotes the existing
 * account with that email (its password is left alone). Safe with several instances
 * starting at once: the unique keys decide, the loser re-reads.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config.env;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    const email = Email.create(ADMIN_EMAIL);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.ensureAdmin(email, ADMIN_PASSWORD, attempt);
        return;
      } catch (err) {
        if (!(err instanceof UsernameTakenError) && attempt > 0) throw err;
      }
    }
  }

  private async ensureAdmin(email: Email, password: string, attempt: number): Promise<void> {
    const now = this.clock.now();
    const existing = await this.users.findByEmail(email.value);
    if (existing) {
      if (existing.role !== 'admin') {
        existing.promoteToAdmin(now);
        await this.uow.run(() => this.users.save(existing));
        this.logger.log(`promoted ${email.value} to admin`);
      }
      return;
    }
    const local = email.value.split('@')[0];
    const username = Username.derive(
      local,
      attempt === 0 ? '' : `_${newId().slice(-6).replace(/-/g, '')}`,
    );
    const admin = User.register({
      id: newId(now.getTime()),
      username,
      email,
      passwordHash: await this.hasher.hash(password),
      fullName: 'Administrator',
      role: 'admin',
      now,
    });
    await this.uow.run(() => this.users.save(admin));
    this.logger.log(`created admin ${email.value}`);
  }
}

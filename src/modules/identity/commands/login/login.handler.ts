import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvalidCredentialsError } from '@domain/identity/identity.errors';
import { parseLogin } from '@domain/identity/login-name';
import { PASSWORD_HASHER, PasswordHasher } from '@domain/identity/password-hasher.port';
import { PASSWORD_MAX_BYTES } from '@domain/identity/password-policy.value-object';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { LoginThrottle } from '@modules/identity/auth/login-throttle';
import { TokensResponse } from '@modules/identity/dto/tokens.response';
import { SessionIssuer } from '@modules/identity/session-issuer';
import { LoginCommand } from './login.command';

/**
 * The login matches a username or email exactly apart from ASCII case (parseLogin); failures
 * count per account and per folded typed login (LoginThrottle). Unknown user, password-less
 * user and wrong password give the same answer after the same work (one bcrypt comparison),
 * so responses don't reveal which accounts exist.
 */
@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand, TokensResponse> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute({ login, password, client }: LoginCommand): Promise<TokensResponse> {
    const name = parseLogin(login);
    const user = name ? await this.users.findByLogin(name) : null;
    await this.throttle.reserveAttempt({ login, accountId: user?.id });
    const tooLong = Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES;
    const ok = await this.hasher.verify(password, tooLong ? null : (user?.passwordHash ?? null));
    if (!user || !ok || tooLong) throw new InvalidCredentialsError();
    await this.throttle.reset({ login, accountId: user.id });
    return this.sessions.start(user, client);
  }
}

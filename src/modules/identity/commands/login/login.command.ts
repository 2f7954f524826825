import type { ClientInfo } from '@modules/identity/session-issuer';

export class LoginCommand {
  constructor(
    /** A username or an email address. */
    readonly login: string,
    readonly password: string,
    readonly client: ClientInfo,
  ) {}
}

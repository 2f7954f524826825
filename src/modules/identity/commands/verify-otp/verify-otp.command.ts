import type { ClientInfo } from '@modules/identity/session-issuer';

export class VerifyOtpCommand {
  constructor(
    readonly phone: string,
    readonly code: string,
    readonly client: ClientInfo,
  ) {}
}

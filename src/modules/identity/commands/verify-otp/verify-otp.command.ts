import type { ClientInfo } from '../../session-issuer';

export class VerifyOtpCommand {
  constructor(
    readonly phone: string,
    readonly code: string,
    readonly client: ClientInfo,
  ) {}
}

export class SendOtpCommand {
  /** `ip`: the client's address (request.ip, which honours TRUST_PROXY), for the per-IP quota. */
  constructor(
    readonly phone: string,
    readonly ip: string | null = null,
  ) {}
}

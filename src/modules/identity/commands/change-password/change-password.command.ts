export class ChangePasswordCommand {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    /** Omitted only to set a first password right after a one-time-code sign-in. */
    readonly currentPassword: string | undefined,
    readonly newPassword: string,
  ) {}
}

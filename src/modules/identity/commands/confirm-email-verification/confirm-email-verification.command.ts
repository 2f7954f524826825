export class ConfirmEmailVerificationCommand {
  constructor(readonly token: string) {}
}

export class RequestEmailVerificationCommand {
  constructor(readonly userId: string) {}
}

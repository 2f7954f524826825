export class SendOtpCommand {
  constructor(readonly phone: string) {}
}

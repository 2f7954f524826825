export class RefreshTokensCommand {
  constructor(readonly refreshToken: string) {}
}

export class ListSessionsQuery {
  constructor(
    readonly userId: string,
    readonly currentSessionId: string,
  ) {}
}

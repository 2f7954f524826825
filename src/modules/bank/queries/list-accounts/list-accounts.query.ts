export class ListAccountsQuery {
  constructor(readonly ownerId: string) {}
}

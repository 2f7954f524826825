export class ListCollectionsQuery {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}

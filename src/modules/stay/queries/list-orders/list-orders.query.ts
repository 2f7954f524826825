export class ListOrdersQuery {
  constructor(
    readonly userId: string,
    readonly as: 'guest' | 'host',
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}

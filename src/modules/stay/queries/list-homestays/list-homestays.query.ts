export class ListHomestaysQuery {
  constructor(
    readonly city: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}

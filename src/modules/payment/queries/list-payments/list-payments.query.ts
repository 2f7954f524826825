export class ListPaymentsQuery {
  constructor(
    readonly payerId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}

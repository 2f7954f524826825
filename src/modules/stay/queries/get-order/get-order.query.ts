export class GetOrderQuery {
  constructor(
    readonly orderId: string,
    readonly viewerId: string,
  ) {}
}

export class RefundOrderCommand {
  constructor(
    readonly actorId: string,
    readonly orderId: string,
  ) {}
}

export class PayOrderCommand {
  constructor(
    readonly actorId: string,
    readonly orderId: string,
    readonly accountId: string,
  ) {}
}

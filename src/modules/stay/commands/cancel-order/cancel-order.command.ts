export class CancelOrderCommand {
  constructor(
    readonly actorId: string,
    readonly orderId: string,
  ) {}
}

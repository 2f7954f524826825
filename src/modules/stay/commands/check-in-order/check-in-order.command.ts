export class CheckInOrderCommand {
  constructor(
    readonly actorId: string,
    readonly orderId: string,
    readonly code: string,
  ) {}
}

export class PlaceOrderCommand {
  constructor(
    readonly guestId: string,
    readonly homestayId: string,
    readonly checkIn: string,
    readonly checkOut: string,
    readonly guests: number,
  ) {}
}

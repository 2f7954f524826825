export class GetPaymentQuery {
  constructor(
    readonly paymentId: string,
    readonly viewerId: string,
    readonly viewerIsAdmin: boolean,
  ) {}
}

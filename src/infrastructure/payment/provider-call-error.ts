/**
 * A call to the payment provider that failed. `transient`: a timeout, a network error, a 5xx,
 * a 409 idempotency conflict or a 429 (worth retrying: create and refund carry idempotency
 * keys); otherwise the provider refused the request (a 4xx: bad key, bad parameters) and a
 * retry would be refused again.
 */
export class ProviderCallError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ProviderCallError';
  }
}

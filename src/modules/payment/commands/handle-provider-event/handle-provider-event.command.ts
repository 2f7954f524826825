/** A notification as it reached the webhook: verified by the handler, through the provider. */
export class HandleProviderEventCommand {
  constructor(
    readonly provider: string,
    readonly rawBody: string,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {}
}

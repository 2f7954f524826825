/** Thrown to answer with a stored response; the problem filter sends it verbatim. */
export class IdempotentReplay {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly body: string,
  ) {}
}

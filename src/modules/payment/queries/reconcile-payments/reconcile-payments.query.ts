export class ReconcilePaymentsQuery {
  constructor(readonly date: string) {}
}

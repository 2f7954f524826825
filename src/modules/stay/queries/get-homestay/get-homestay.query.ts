export class GetHomestayQuery {
  constructor(readonly homestayId: string) {}
}

import type { Principal } from '@infra/http/auth.decorators';

export class ListEntriesQuery {
  constructor(
    readonly accountId: string,
    readonly viewer: Principal,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}

import type { Principal } from '../../../../infrastructure/http/auth.decorators';

export class ListEntriesQuery {
  constructor(
    readonly accountId: string,
    readonly viewer: Principal,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}

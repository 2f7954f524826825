import type { Principal } from '@infra/http/auth.decorators';

export class GetAccountQuery {
  constructor(
    readonly accountId: string,
    readonly viewer: Principal,
  ) {}
}

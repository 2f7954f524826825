import type { Principal } from '../../../../infrastructure/http/auth.decorators';

export class GetAccountQuery {
  constructor(
    readonly accountId: string,
    readonly viewer: Principal,
  ) {}
}

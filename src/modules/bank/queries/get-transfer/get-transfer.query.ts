import type { Principal } from '@infra/http/auth.decorators';

export class GetTransferQuery {
  constructor(
    readonly transferId: string,
    readonly viewer: Principal,
  ) {}
}

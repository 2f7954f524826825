import type { Principal } from '../../../../infrastructure/http/auth.decorators';

export class GetTransferQuery {
  constructor(
    readonly transferId: string,
    readonly viewer: Principal,
  ) {}
}

import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { AccountResponse } from '@modules/bank/dto/account.response';
import { GetAccountQuery } from './get-account.query';

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, AccountResponse> {
  constructor(@Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository) {}

  async execute({ accountId, viewer }: GetAccountQuery): Promise<AccountResponse> {
    const account = await this.accounts.findById(accountId);
    if (!account || !account.isVisibleTo(viewer.userId, viewer.role === 'admin'))
      throw new NotFoundError('Account');
    return AccountResponse.from(account);
  }
}

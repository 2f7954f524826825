import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { AccountListResponse, AccountResponse } from '@modules/bank/dto/account.response';
import { ListAccountsQuery } from './list-accounts.query';

/** At most one account per currency, so the list is a single page. */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery, AccountListResponse> {
  constructor(@Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository) {}

  async execute({ ownerId }: ListAccountsQuery): Promise<AccountListResponse> {
    const accounts = await this.accounts.listByOwner(ownerId);
    return { items: accounts.map(AccountResponse.from), nextCursor: null };
  }
}

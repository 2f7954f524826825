import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { EntryPageResponse } from './entry.response';
import { ListEntriesQuery } from './list-entries.query';

/** Keyset pagination on (account_id, id DESC): page 10,000 costs what page 1 costs. */
@QueryHandler(ListEntriesQuery)
export class ListEntriesHandler implements IQueryHandler<ListEntriesQuery, EntryPageResponse> {
  constructor(@Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    viewer,
    limit,
    cursor,
  }: ListEntriesQuery): Promise<EntryPageResponse> {
    const position = decodeCursor<{ id: string }>(
      cursor,
      (v) => typeof v.id === 'string' && isUuid(v.id),
    );
    const account = await this.accounts.findById(accountId);
    if (!account || !account.isVisibleTo(viewer.userId, viewer.role === 'admin'))
      throw new NotFoundError('Account');
    const rows = await this.accounts.listEntries(
      accountId,
      position?.id ?? null,
      keysetFetchSize(limit),
    );
    return keysetPage(
      rows,
      limit,
      (e) => ({ id: e.id }),
      (e) => ({ ...e, createdAt: e.createdAt.toISOString() }),
    );
  }
}

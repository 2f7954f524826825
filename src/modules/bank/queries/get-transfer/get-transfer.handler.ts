import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { TransferResponse } from '@modules/shared/dto/transfer.response';
import { GetTransferQuery } from './get-transfer.query';

/** Visible to the owner of either side, and to admins. */
@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery, TransferResponse> {
  constructor(@Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository) {}

  async execute({ transferId, viewer }: GetTransferQuery): Promise<TransferResponse> {
    const transfer = await this.accounts.findTransfer(transferId);
    if (!transfer) throw new NotFoundError('Transfer');
    if (viewer.role !== 'admin') {
      const [from, to] = await Promise.all([
        this.accounts.findById(transfer.fromAccountId),
        this.accounts.findById(transfer.toAccountId),
      ]);
      if (from?.ownerId !== viewer.userId && to?.ownerId !== viewer.userId)
        throw new NotFoundError('Transfer');
    }
    return TransferResponse.from(transfer);
  }
}

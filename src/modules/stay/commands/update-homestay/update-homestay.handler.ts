import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { HOMESTAY_REPOSITORY, HomestayRepository } from '@domain/stay/homestay.repository';
import { UpdateHomestayCommand } from './update-homestay.command';

/** Host only (anyone else: 404). Orders already placed keep their price and currency. */
@CommandHandler(UpdateHomestayCommand)
export class UpdateHomestayHandler implements ICommandHandler<UpdateHomestayCommand, Homestay> {
  constructor(
    @Inject(HOMESTAY_REPOSITORY) private readonly homestays: HomestayRepository,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
  ) {}

  execute({ actorId, homestayId, changes }: UpdateHomestayCommand): Promise<Homestay> {
    return this.uow.run(async () => {
      const homestay = await this.homestays.lockById(homestayId);
      if (!homestay || homestay.hostId !== actorId) throw new NotFoundError('Homestay');
      const previousCurrency = homestay.currency;
      homestay.edit(changes);
      if (
        homestay.currency !== previousCurrency &&
        !(await this.accounts.findAccountId(actorId, homestay.currency))
      ) {
        throw new RecipientHasNoAccountError(homestay.currency);
      }
      await this.homestays.update(homestay);
      return homestay;
    });
  }
}

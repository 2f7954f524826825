import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { HOMESTAY_REPOSITORY, HomestayRepository } from '@domain/stay/homestay.repository';
import { CreateHomestayCommand } from './create-homestay.command';

/** A host can only list a homestay in a currency they can be paid in. */
@CommandHandler(CreateHomestayCommand)
export class CreateHomestayHandler implements ICommandHandler<CreateHomestayCommand, Homestay> {
  constructor(
    @Inject(HOMESTAY_REPOSITORY) private readonly homestays: HomestayRepository,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ hostId, details }: CreateHomestayCommand): Promise<Homestay> {
    const now = this.clock.now();
    const homestay = Homestay.create(newId(now.getTime()), hostId, details, now);
    if (!(await this.accounts.findAccountId(hostId, homestay.currency)))
      throw new RecipientHasNoAccountError(homestay.currency);
    await this.uow.run(() => this.homestays.insert(homestay));
    return homestay;
  }
}

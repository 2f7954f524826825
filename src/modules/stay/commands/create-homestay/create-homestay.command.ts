import type { HomestayDetails } from '@domain/stay/homestay.aggregate';

export class CreateHomestayCommand {
  constructor(
    readonly hostId: string,
    readonly details: HomestayDetails,
  ) {}
}

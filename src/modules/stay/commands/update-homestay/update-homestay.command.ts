import type { HomestayDetails } from '@domain/stay/homestay.aggregate';

export class UpdateHomestayCommand {
  constructor(
    readonly actorId: string,
    readonly homestayId: string,
    readonly changes: Partial<HomestayDetails>,
  ) {}
}

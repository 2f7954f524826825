import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@domain/shared/uuid';
import { HOMESTAY_REPOSITORY, HomestayRepository } from '@domain/stay/homestay.repository';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { HomestayPageResponse, HomestayResponse } from '@modules/stay/dto/homestay.response';
import { ListHomestaysQuery } from './list-homestays.query';

/** Newest first, keyset on id (UUIDv7), by (city, id) when filtered: every page costs the same. */
@QueryHandler(ListHomestaysQuery)
export class ListHomestaysHandler implements IQueryHandler<
  ListHomestaysQuery,
  HomestayPageResponse
> {
  constructor(@Inject(HOMESTAY_REPOSITORY) private readonly homestays: HomestayRepository) {}

  async execute({ city, limit, cursor }: ListHomestaysQuery): Promise<HomestayPageResponse> {
    const position = decodeCursor<{ id: string }>(
      cursor,
      (v) => typeof v.id === 'string' && isUuid(v.id),
    );
    const rows = await this.homestays.list({
      city,
      beforeId: position?.id ?? null,
      limit: keysetFetchSize(limit),
    });
    return keysetPage(
      rows,
      limit,
      (h) => ({ id: h.id }),
      (h) => HomestayResponse.from(h),
    );
  }
}

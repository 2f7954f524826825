import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@domain/shared/domain-error';
import { HOMESTAY_REPOSITORY, HomestayRepository } from '@domain/stay/homestay.repository';
import { HomestayResponse } from '@modules/stay/dto/homestay.response';
import { GetHomestayQuery } from './get-homestay.query';

@QueryHandler(GetHomestayQuery)
export class GetHomestayHandler implements IQueryHandler<GetHomestayQuery, HomestayResponse> {
  constructor(@Inject(HOMESTAY_REPOSITORY) private readonly homestays: HomestayRepository) {}

  async execute({ homestayId }: GetHomestayQuery): Promise<HomestayResponse> {
    const homestay = await this.homestays.findById(homestayId);
    if (!homestay) throw new NotFoundError('Homestay');
    return HomestayResponse.from(homestay);
  }
}

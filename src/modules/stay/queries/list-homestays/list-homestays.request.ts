import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, IsOptional } from 'class-validator';
import { HOMESTAY_LIMITS } from '@domain/stay/homestay.aggregate';
import { PageQuery } from '@infra/http/pagination';

export class ListHomestaysRequest extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only homestays in this city (case-insensitive exact match)',
    example: 'Lisbon',
  })
  @IsOptional()
  @IsString()
  @Length(HOMESTAY_LIMITS.city.min, HOMESTAY_LIMITS.city.max)
  city?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { HOMESTAY_LIMITS } from '@domain/stay/homestay.aggregate';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date YYYY-MM-DD' };

export class PlaceOrderRequest {
  @ApiProperty()
  @IsUUID('all')
  homestayId: string;

  @ApiProperty({
    format: 'date',
    example: '2026-12-01',
    description: 'YYYY-MM-DD, today (UTC) or later',
  })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  checkIn: string;

  @ApiProperty({
    format: 'date',
    example: '2026-12-04',
    description: 'YYYY-MM-DD, after checkIn, at most 30 nights later',
  })
  @IsString()
  @Matches(DATE, DATE_MESSAGE)
  checkOut: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: HOMESTAY_LIMITS.maxGuests.max,
    example: 2,
    description: "At most the homestay's maxGuests",
  })
  @IsInt()
  @Min(1)
  @Max(HOMESTAY_LIMITS.maxGuests.max)
  guests: number;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { HOMESTAY_LIMITS as L } from '@domain/stay/homestay.aggregate';

const NOT_BLANK = /\S/;
const NOT_BLANK_MESSAGE = { message: '$property must not be only spaces' };

export class CreateHomestayRequest {
  @ApiProperty({ minLength: L.title.min, maxLength: L.title.max, example: 'Loft by the river' })
  @IsString()
  @Length(L.title.min, L.title.max)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  title: string;

  @ApiProperty({ minLength: L.description.min, maxLength: L.description.max })
  @IsString()
  @Length(L.description.min, L.description.max)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  description: string;

  @ApiProperty({
    minLength: L.city.min,
    maxLength: L.city.max,
    example: 'Lisbon',
    description: 'Listed under ?city= (case-insensitive exact match)',
  })
  @IsString()
  @Length(L.city.min, L.city.max)
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  city: string;

  @ApiProperty({
    type: 'integer',
    minimum: L.pricePerNight.min,
    maximum: L.pricePerNight.max,
    example: 9900,
    description: 'Integer minor units per night',
  })
  @IsInt()
  @Min(L.pricePerNight.min)
  @Max(L.pricePerNight.max)
  pricePerNight: number;

  @ApiProperty({ enum: CURRENCIES, description: 'You need an account in this currency to be paid' })
  @IsIn(CURRENCIES)
  currency: Currency;

  @ApiProperty({ type: 'integer', minimum: L.maxGuests.min, maximum: L.maxGuests.max, example: 2 })
  @IsInt()
  @Min(L.maxGuests.min)
  @Max(L.maxGuests.max)
  maxGuests: number;
}

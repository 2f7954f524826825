import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES } from '@domain/bank/money.value-object';
import type { Homestay } from '@domain/stay/homestay.aggregate';

export class HomestayResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  hostId: string;
  @ApiProperty()
  title: string;
  @ApiProperty()
  description: string;
  @ApiProperty()
  city: string;
  @ApiProperty({ type: 'integer', example: 9900, description: 'Integer minor units per night' })
  pricePerNight: number;
  @ApiProperty({ enum: CURRENCIES })
  currency: string;
  @ApiProperty({ type: 'integer', example: 2 })
  maxGuests: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(homestay: Homestay): HomestayResponse {
    const h = homestay.snapshot();
    return {
      id: h.id,
      hostId: h.hostId,
      title: h.title,
      description: h.description,
      city: h.city,
      pricePerNight: h.pricePerNight,
      currency: h.currency,
      maxGuests: h.maxGuests,
      createdAt: h.createdAt.toISOString(),
    };
  }
}

export class HomestayPageResponse {
  @ApiProperty({ type: [HomestayResponse] })
  items: HomestayResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

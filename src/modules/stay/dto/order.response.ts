import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES } from '@domain/bank/money.value-object';
import { CANCEL_REASONS, ORDER_STATUSES, type Order } from '@domain/stay/order.aggregate';

export class OrderResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  homestayId: string;
  @ApiProperty({ format: 'uuid' })
  guestId: string;
  @ApiProperty({ format: 'uuid' })
  hostId: string;
  @ApiProperty({ format: 'date', example: '2026-12-01', description: 'YYYY-MM-DD' })
  checkIn: string;
  @ApiProperty({ format: 'date', example: '2026-12-04', description: 'YYYY-MM-DD' })
  checkOut: string;
  @ApiProperty({ type: 'integer', example: 3 })
  nights: number;
  @ApiProperty({ type: 'integer', example: 2 })
  guests: number;
  @ApiProperty({
    type: 'integer',
    example: 29700,
    description: 'nights × pricePerNight at the time of ordering, integer minor units',
  })
  amount: number;
  @ApiProperty({ enum: CURRENCIES })
  currency: string;
  @ApiProperty({
    enum: ORDER_STATUSES,
    description: 'See the state table of checkInOrder or refundOrder',
  })
  status: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Unpaid after this instant, the order is cancelled (payment_timeout)',
  })
  payBefore: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  paidAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  cancelledAt: string | null;
  @ApiProperty({ enum: [...CANCEL_REASONS, null], nullable: true })
  cancelReason: string | null;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'The payment (a bank Transfer of kind payment)',
  })
  transferId: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  checkedInAt: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  refundedAt: string | null;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'escrow → host at check-in or no-show (a Transfer of kind payout, amount − fee)',
  })
  payoutTransferId: string | null;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description:
      'escrow → platform revenue at check-in or no-show (kind fee); null when the fee is 0',
  })
  feeTransferId: string | null;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'escrow → the paying account (kind refund)',
  })
  refundTransferId: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(order: Order): OrderResponse {
    const o = order.snapshot();
    return {
      id: o.id,
      homestayId: o.homestayId,
      guestId: o.guestId,
      hostId: o.hostId,
      checkIn: o.checkIn,
      checkOut: o.checkOut,
      nights: o.nights,
      guests: o.guests,
      amount: o.amount,
      currency: o.currency,
      status: o.status,
      payBefore: o.payBefore.toISOString(),
      paidAt: o.paidAt?.toISOString() ?? null,
      cancelledAt: o.cancelledAt?.toISOString() ?? null,
      cancelReason: o.cancelReason,
      transferId: o.transferId,
      checkedInAt: o.checkedInAt?.toISOString() ?? null,
      refundedAt: o.refundedAt?.toISOString() ?? null,
      payoutTransferId: o.payoutTransferId,
      feeTransferId: o.feeTransferId,
      refundTransferId: o.refundTransferId,
      createdAt: o.createdAt.toISOString(),
    };
  }
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] })
  items: OrderResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

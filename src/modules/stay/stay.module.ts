import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, offsetClock } from '@domain/shared/clock';
import { CHECK_IN_CODES } from '@domain/stay/check-in-codes.port';
import { ORDER_PAYMENTS } from '@domain/stay/order-payments.port';
import { AppConfig } from '@infra/config/app-config';
import { StayPersistenceModule } from '@infra/persistence/stay/stay-persistence.module';
import { HmacCheckInCodes } from '@infra/security/hmac-check-in-codes';
import { BankModule } from '../bank/bank.module';
import { IdentityModule } from '../identity/identity.module';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { CancelOrderHttpController } from './commands/cancel-order/cancel-order.http.controller';
import { CreateHomestayHandler } from './commands/create-homestay/create-homestay.handler';
import { CreateHomestayHttpController } from './commands/create-homestay/create-homestay.http.controller';
import { CheckInOrderHandler } from './commands/check-in-order/check-in-order.handler';
import { CheckInOrderHttpController } from './commands/check-in-order/check-in-order.http.controller';
import { ExpireUnpaidOrderHandler } from './commands/expire-unpaid-orders/expire-unpaid-order.handler';
import { PayOrderHandler } from './commands/pay-order/pay-order.handler';
import { PayOrderHttpController } from './commands/pay-order/pay-order.http.controller';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { PlaceOrderHttpController } from './commands/place-order/place-order.http.controller';
import { RefundOrderHandler } from './commands/refund-order/refund-order.handler';
import { RefundOrderHttpController } from './commands/refund-order/refund-order.http.controller';
import { SettleNoShowHandler } from './commands/settle-no-show/settle-no-show.handler';
import { UpdateHomestayHandler } from './commands/update-homestay/update-homestay.handler';
import { UpdateHomestayHttpController } from './commands/update-homestay/update-homestay.http.controller';
import { Escrow } from './escrow';
import { OrderCheckOutDueSubscriber } from './events/order-check-out-due.subscriber';
import {
  OrderCheckedInGuestEmailSubscriber,
  OrderCheckedInHostEmailSubscriber,
  OrderNoShowHostEmailSubscriber,
  OrderPaidGuestEmailSubscriber,
  OrderPaidHostEmailSubscriber,
  OrderRefundedGuestEmailSubscriber,
  OrderRefundedHostEmailSubscriber,
} from './events/order-emails.subscriber';
import { OrderPaymentDueSubscriber } from './events/order-payment-due.subscriber';
import { OrderDeadlinesSweeper } from './order-deadlines.sweeper';
import { StayOrderPayments } from './stay-order-payments';
import { GetHomestayHandler } from './queries/get-homestay/get-homestay.handler';
import { GetHomestayHttpController } from './queries/get-homestay/get-homestay.http.controller';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { GetOrderHttpController } from './queries/get-order/get-order.http.controller';
import { ListHomestaysHandler } from './queries/list-homestays/list-homestays.handler';
import { ListHomestaysHttpController } from './queries/list-homestays/list-homestays.http.controller';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { ListOrdersHttpController } from './queries/list-orders/list-orders.http.controller';

/**
 * Stays: homestays and their orders. Payments go through the bank's LEDGER; the host's
 * account is found through ACCOUNT_DIRECTORY (the bank's read port); BankModule exports both.
 * Paid orders are held in escrow until check-in, refund or no-show (Escrow). The emails of an order go to the addresses identity's USER_DIRECTORY gives
 * (IdentityModule exports it).
 */
@Module({
  imports: [CqrsModule, StayPersistenceModule, BankModule, IdentityModule],
  controllers: [
    CreateHomestayHttpController,
    ListHomestaysHttpController,
    GetHomestayHttpController,
    UpdateHomestayHttpController,
    PlaceOrderHttpController,
    ListOrdersHttpController,
    GetOrderHttpController,
    PayOrderHttpController,
    CancelOrderHttpController,
    RefundOrderHttpController,
    CheckInOrderHttpController,
  ],
  providers: [
    // STAY_CLOCK_OFFSET_SECONDS (0 in production) lets tests reach check-in and check-out days.
    {
      provide: CLOCK,
      useFactory: (config: AppConfig) => offsetClock(config.env.STAY_CLOCK_OFFSET_SECONDS * 1000),
      inject: [AppConfig],
    },
    {
      provide: CHECK_IN_CODES,
      useFactory: (config: AppConfig) => new HmacCheckInCodes(config.jwtSecret),
      inject: [AppConfig],
    },
    Escrow,
    CreateHomestayHandler,
    UpdateHomestayHandler,
    ListHomestaysHandler,
    GetHomestayHandler,
    PlaceOrderHandler,
    PayOrderHandler,
    CancelOrderHandler,
    RefundOrderHandler,
    CheckInOrderHandler,
    SettleNoShowHandler,
    ListOrdersHandler,
    GetOrderHandler,
    ExpireUnpaidOrderHandler,
    OrderDeadlinesSweeper,
    OrderPaymentDueSubscriber,
    OrderCheckOutDueSubscriber,
    OrderPaidGuestEmailSubscriber,
    OrderPaidHostEmailSubscriber,
    OrderCheckedInGuestEmailSubscriber,
    OrderCheckedInHostEmailSubscriber,
    OrderRefundedGuestEmailSubscriber,
    OrderRefundedHostEmailSubscriber,
    OrderNoShowHostEmailSubscriber,
    { provide: ORDER_PAYMENTS, useClass: StayOrderPayments },
  ],
  // For the payment context: orders paid through the external provider (docs/payments.md).
  exports: [ORDER_PAYMENTS],
})
export class StayModule {}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '@domain/shared/clock';
import { StayPersistenceModule } from '@infra/persistence/stay/stay-persistence.module';
import { BankModule } from '../bank/bank.module';
import { IdentityModule } from '../identity/identity.module';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { CancelOrderHttpController } from './commands/cancel-order/cancel-order.http.controller';
import { CreateHomestayHandler } from './commands/create-homestay/create-homestay.handler';
import { CreateHomestayHttpController } from './commands/create-homestay/create-homestay.http.controller';
import { ExpireUnpaidOrderHandler } from './commands/expire-unpaid-orders/expire-unpaid-order.handler';
import { UnpaidOrdersSweeper } from './commands/expire-unpaid-orders/unpaid-orders.sweeper';
import { PayOrderHandler } from './commands/pay-order/pay-order.handler';
import { PayOrderHttpController } from './commands/pay-order/pay-order.http.controller';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { PlaceOrderHttpController } from './commands/place-order/place-order.http.controller';
import { UpdateHomestayHandler } from './commands/update-homestay/update-homestay.handler';
import { UpdateHomestayHttpController } from './commands/update-homestay/update-homestay.http.controller';
import {
  OrderPaidGuestEmailSubscriber,
  OrderPaidHostEmailSubscriber,
} from './events/order-paid-emails.subscriber';
import { OrderPaymentDueSubscriber } from './events/order-payment-due.subscriber';
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
 * The emails of a paid order go to the addresses identity's USER_DIRECTORY gives
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
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    CreateHomestayHandler,
    UpdateHomestayHandler,
    ListHomestaysHandler,
    GetHomestayHandler,
    PlaceOrderHandler,
    PayOrderHandler,
    CancelOrderHandler,
    ListOrdersHandler,
    GetOrderHandler,
    ExpireUnpaidOrderHandler,
    UnpaidOrdersSweeper,
    OrderPaymentDueSubscriber,
    OrderPaidGuestEmailSubscriber,
    OrderPaidHostEmailSubscriber,
  ],
})
export class StayModule {}

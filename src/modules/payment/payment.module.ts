import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '@domain/shared/clock';
import { PaymentProviderModule } from '@infra/payment/payment-provider.module';
import { redisLeasesProvider } from '@infra/redis/redis-lease';
import { PaymentPersistenceModule } from '@infra/persistence/payment/payment-persistence.module';
import { BankModule } from '../bank/bank.module';
import { InteractionModule } from '../interaction/interaction.module';
import { StayModule } from '../stay/stay.module';
import { CreatePaymentHandler } from './commands/create-payment/create-payment.handler';
import { CreatePaymentHttpController } from './commands/create-payment/create-payment.http.controller';
import { HandleProviderEventHandler } from './commands/handle-provider-event/handle-provider-event.handler';
import { HandleProviderEventHttpController } from './commands/handle-provider-event/handle-provider-event.http.controller';
import { RefundProviderPaidOrderSubscriber } from './events/refund-provider-paid-order.subscriber';
import { RequestProviderRefundSubscriber } from './events/request-provider-refund.subscriber';
import { GetPaymentHandler } from './queries/get-payment/get-payment.handler';
import { GetPaymentHttpController } from './queries/get-payment/get-payment.http.controller';
import { ListPaymentsHandler } from './queries/list-payments/list-payments.handler';
import { ListPaymentsHttpController } from './queries/list-payments/list-payments.http.controller';
import { PaymentReconciliationScheduler } from './queries/reconcile-payments/payment-reconciliation.scheduler';
import { PaymentReconciliationService } from './queries/reconcile-payments/payment-reconciliation.service';
import { ReconcilePaymentsHandler } from './queries/reconcile-payments/reconcile-payments.handler';
import { ReconcilePaymentsHttpController } from './queries/reconcile-payments/reconcile-payments.http.controller';

/**
 * Payments from outside (docs/payments.md): a Payment per payment at the external provider
 * (PAYMENT_PROVIDER, PaymentProviderModule), its signed webhook, and the money it brings in,
 * moved from the `clearing` system account through the bank's LEDGER (BankModule exports it,
 * with ACCOUNT_DIRECTORY). Orders are paid through the stay context's ORDER_PAYMENTS (StayModule
 * exports it); its order-refunded event leads to the provider refund of such an order. Rewards
 * go through interaction's AUTHOR_REWARDS (InteractionModule exports it).
 */
@Module({
  imports: [
    CqrsModule,
    PaymentPersistenceModule,
    PaymentProviderModule,
    BankModule,
    StayModule,
    InteractionModule,
  ],
  controllers: [
    CreatePaymentHttpController,
    ListPaymentsHttpController,
    GetPaymentHttpController,
    HandleProviderEventHttpController,
    ReconcilePaymentsHttpController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    CreatePaymentHandler,
    HandleProviderEventHandler,
    ListPaymentsHandler,
    GetPaymentHandler,
    RefundProviderPaidOrderSubscriber,
    RequestProviderRefundSubscriber,
    redisLeasesProvider,
    PaymentReconciliationService,
    ReconcilePaymentsHandler,
    PaymentReconciliationScheduler,
  ],
  exports: [PaymentReconciliationService],
})
export class PaymentModule {}

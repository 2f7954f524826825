import {
  CreateProviderPayment,
  PaymentProvider,
  ProviderEvent,
  ProviderPayment,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { DependencyUnavailableError, NotFoundError } from '@domain/shared/domain-error';

/**
 * No PAYMENT_PROVIDER configured (production until one is): payments answer 503 and no
 * webhook exists (404), instead of the process refusing to start for a feature not in use.
 */
export class NoPaymentProvider implements PaymentProvider {
  readonly name = null;

  createPayment(_request: CreateProviderPayment): Promise<ProviderPayment> {
    return Promise.reject(new DependencyUnavailableError('No payment provider is configured'));
  }

  refund(): Promise<void> {
    return Promise.reject(new DependencyUnavailableError('No payment provider is configured'));
  }

  parseWebhook(): ProviderEvent {
    throw new NotFoundError('Webhook');
  }

  /** Nothing was ever settled through no provider: an empty report (reconciliation still checks the rest). */
  settlementReport(_date: string): Promise<ProviderSettlement[]> {
    return Promise.resolve([]);
  }
}

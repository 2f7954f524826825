import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { MAILER, Mailer } from '@domain/shared/mailer.port';
import { SECRET_SEALER } from '@domain/shared/secret-sealer.port';
import { SMS_SENDER } from '@domain/shared/sms-sender.port';
import { AppConfig } from '../config/app-config';
import { AesGcmSealer } from '../security/aes-gcm-sealer';
import { FileMailer } from './file.mailer';
import { FileOutboxWriter } from './file-outbox.writer';
import { FileSmsProvider } from './sms/file.sms-provider';
import { HttpSmsProvider } from './sms/http.sms-provider';
import { ChainEntry, SmsProviderChain } from './sms/sms-provider-chain';
import { SmtpMailer } from './smtp.mailer';

function createMailer(config: AppConfig, writer: FileOutboxWriter): Mailer {
  const env = config.env;
  if (env.NOTIFY_TRANSPORT === 'file') return new FileMailer(writer);
  if (!env.SMTP_URL)
    throw new Error('Invalid configuration:\n  - SMTP_URL: is required when NOTIFY_TRANSPORT=smtp');
  return new SmtpMailer(env.SMTP_URL, env.MAIL_FROM, env.SMTP_TIMEOUT_MS);
}

/** SMS_PROVIDERS in order; each HTTP provider with its own timeout and rate limit. */
function createSmsChain(config: AppConfig, writer: FileOutboxWriter): SmsProviderChain {
  const env = config.env;
  const logger = new Logger('Sms');
  const entries: ChainEntry[] = env.SMS_PROVIDERS.split(',').map((name) => {
    if (name === 'file') return { provider: new FileSmsProvider(writer), ratePerSecond: null };
    const http =
      name === 'http1'
        ? {
            url: env.SMS_HTTP1_URL!,
            token: env.SMS_HTTP1_TOKEN,
            bodyTemplate: env.SMS_HTTP1_BODY_TEMPLATE,
            timeoutMs: env.SMS_HTTP1_TIMEOUT_MS,
            rate: env.SMS_HTTP1_RATE_PER_SECOND,
          }
        : {
            url: env.SMS_HTTP2_URL!,
            token: env.SMS_HTTP2_TOKEN,
            bodyTemplate: env.SMS_HTTP2_BODY_TEMPLATE,
            timeoutMs: env.SMS_HTTP2_TIMEOUT_MS,
            rate: env.SMS_HTTP2_RATE_PER_SECOND,
          };
    return { provider: new HttpSmsProvider({ name, ...http }), ratePerSecond: http.rate };
  });
  return new SmsProviderChain(
    entries,
    {
      errorThresholdPercentage: env.SMS_BREAKER_ERROR_PERCENT,
      volumeThreshold: env.SMS_BREAKER_VOLUME_THRESHOLD,
      rollingCountTimeout: env.SMS_BREAKER_WINDOW_MS,
      resetTimeout: env.SMS_BREAKER_RESET_MS,
    },
    {
      onStateChange: (provider, state) =>
        logger.warn({ provider, state }, 'SMS provider circuit changed state'),
      onFailover: (provider, reason) => logger.warn({ provider, reason }, 'SMS provider skipped'),
    },
  );
}

/**
 * Outgoing mail and SMS. Mail: file transport for development and tests, SMTP for real
 * delivery (NOTIFY_TRANSPORT). SMS: the provider chain of SMS_PROVIDERS (failover, a circuit
 * breaker and a rate limit per provider).
 */
@Global()
@Module({
  providers: [
    {
      provide: FileOutboxWriter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new FileOutboxWriter(config.env.OUTBOX_DIR),
    },
    { provide: MAILER, inject: [AppConfig, FileOutboxWriter], useFactory: createMailer },
    {
      provide: SmsProviderChain,
      inject: [AppConfig, FileOutboxWriter],
      useFactory: createSmsChain,
    },
    { provide: SMS_SENDER, useExisting: SmsProviderChain },
    {
      // Deferred SMS texts (one-time codes) are sealed in the outbox and the queue.
      provide: SECRET_SEALER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new AesGcmSealer(config.jwtSecret, 'deferred-sms'),
    },
  ],
  exports: [MAILER, SMS_SENDER, SECRET_SEALER, FileOutboxWriter],
})
export class NotificationModule implements OnApplicationShutdown {
  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly sms: SmsProviderChain,
  ) {}

  onApplicationShutdown(): void {
    this.sms.shutdown();
    if (this.mailer instanceof SmtpMailer) this.mailer.close();
  }
}

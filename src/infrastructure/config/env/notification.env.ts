import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  all,
  emptyToUndefined,
  EnvClass,
  IntegerVar,
  REQUIRED_IN_PRODUCTION,
} from '../env.decorators';

/** Mail (SMTP or the file outbox), the links in it, and the SMS provider chain. */
export function NotificationEnv<B extends EnvClass>(Base: B) {
  class NotificationEnv extends Base {
    @IsIn(['smtp', 'file'])
    NOTIFY_TRANSPORT: 'smtp' | 'file' = 'file';

    @IsString()
    @MinLength(1)
    OUTBOX_DIR = './var/outbox';

    @Transform(emptyToUndefined)
    @IsOptional()
    @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
    SMTP_URL?: string;

    /** Base of links in emails. Required in production; http://localhost:<PORT> in development and test. */
    @IsDefined({ message: `${REQUIRED_IN_PRODUCTION}: the public base URL of links in emails` })
    @IsUrl({ require_tld: false, require_protocol: true })
    PUBLIC_URL!: string;

    /** Sender of outgoing mail. */
    @IsString()
    @MinLength(3)
    MAIL_FROM = 'Atrium <no-reply@atrium.local>';

    /** SMTP connect/greeting/socket timeout. */
    @IntegerVar(100, 600_000)
    SMTP_TIMEOUT_MS = 10_000;

    /** SMS providers in failover order: `file`, `http1`, `http2`. */
    @Matches(/^(file|http1|http2)(,(file|http1|http2))*$/, {
      message: 'must be a comma-separated list of file, http1, http2',
    })
    SMS_PROVIDERS = 'file';
  }
  return NotificationEnv;
}

/** `SMS_HTTP1_URL`, `SMS_HTTP1_TOKEN`, …: the variables of one HTTP SMS provider. */
export type SmsHttpProviderVars<P extends string> = { [K in `SMS_${P}_URL`]?: string } & {
  [K in `SMS_${P}_TOKEN` | `SMS_${P}_BODY_TEMPLATE`]: string;
} & { [K in `SMS_${P}_TIMEOUT_MS` | `SMS_${P}_RATE_PER_SECOND`]: number };

/** The same five variables for each HTTP SMS provider, `SMS_<P>_…`. */
export function SmsHttpProviderEnv<P extends 'HTTP1' | 'HTTP2'>(provider: P) {
  return <B extends EnvClass>(Base: B) => {
    const name = (suffix: string) => `SMS_${provider}_${suffix}`;
    const listed = provider.toLowerCase();
    class SmsHttpProviderEnv extends Base {
      constructor(...args: any[]) {
        super(...args);
        Object.assign(this, {
          [name('TOKEN')]: '',
          /** JSON body; `{{to}}` and `{{text}}` are replaced by JSON-escaped values. */
          [name('BODY_TEMPLATE')]: '{"to":"{{to}}","text":"{{text}}"}',
          [name('TIMEOUT_MS')]: 3000,
          [name('RATE_PER_SECOND')]: 10,
        });
      }
    }
    const variable = (suffix: string, ...decorators: PropertyDecorator[]) =>
      all(...decorators)(SmsHttpProviderEnv.prototype, name(suffix));
    variable(
      'URL',
      Transform(emptyToUndefined),
      ValidateIf(
        (env: { SMS_PROVIDERS?: string }) =>
          env.SMS_PROVIDERS?.split(',').includes(listed) ?? false,
      ),
      IsUrl(
        { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
        { message: `is required (an http(s) URL) when SMS_PROVIDERS includes ${listed}` },
      ),
    );
    variable('TOKEN', IsString());
    variable('BODY_TEMPLATE', IsString(), MinLength(2));
    variable('TIMEOUT_MS', IntegerVar(50, 60_000));
    variable('RATE_PER_SECOND', IntegerVar(1, 10_000));
    return SmsHttpProviderEnv as B & EnvClass<SmsHttpProviderVars<P>>;
  };
}

/** The circuit breaker in front of each SMS provider. */
export function SmsBreakerEnv<B extends EnvClass>(Base: B) {
  class SmsBreakerEnv extends Base {
    /** A provider's breaker opens when at least this share of its calls in the window failed ... */
    @IntegerVar(1, 100)
    SMS_BREAKER_ERROR_PERCENT = 50;

    /** ... and the window holds at least this many calls ... */
    @IntegerVar(1, 10_000)
    SMS_BREAKER_VOLUME_THRESHOLD = 5;

    /** ... counted over this rolling window. */
    @IntegerVar(100, 3_600_000)
    SMS_BREAKER_WINDOW_MS = 10_000;

    /** An open breaker lets one trial call through (half-open) after this long. */
    @IntegerVar(50, 3_600_000)
    SMS_BREAKER_RESET_MS = 30_000;
  }
  return SmsBreakerEnv;
}

import { DEVELOPMENT_WEBHOOK_SECRET } from './env/payment.env';
import {
  InvalidConfigurationError,
  PUBLISHED_JWT_SECRETS,
  validateEnvironment,
  ValidateOptions,
} from './env.schema';

describe('validateEnvironment', () => {
  const dev = { NODE_ENV: 'development' };
  const production = {
    JWT_SECRET: 's'.repeat(32),
    METRICS_TOKEN: 'm'.repeat(16),
    PUBLIC_URL: 'https://atrium.example',
    DB_PASSWORD: 'db-password',
  };
  const problems = (raw: Record<string, unknown>, options?: ValidateOptions): string[] => {
    try {
      validateEnvironment(raw, options);
      return [];
    } catch (err) {
      return (err as InvalidConfigurationError).lines;
    }
  };

  it('has working defaults for development and a fast bcrypt cost for tests', () => {
    expect(validateEnvironment(dev).PORT).toBe(3000);
    expect(validateEnvironment(dev).BCRYPT_COST).toBe(12);
    expect(validateEnvironment({ NODE_ENV: 'test' }).BCRYPT_COST).toBe(4);
    expect(validateEnvironment({ ...dev, PORT: '8080' })).toMatchObject({
      PUBLIC_URL: 'http://localhost:8080',
      DB_PASSWORD: 'atrium',
    });
  });

  it('parses numbers and booleans', () => {
    const env = validateEnvironment({
      ...dev,
      PORT: '8080',
      DB_MIGRATE_ON_START: 'true',
      WORKERS_ENABLED: '0',
    });
    expect([env.PORT, env.DB_MIGRATE_ON_START, env.WORKERS_ENABLED]).toEqual([8080, true, false]);
  });

  it('treats an unset NODE_ENV as production: secrets and PUBLIC_URL required, one line each', () => {
    for (const nodeEnv of [undefined, 'production']) {
      const lines = problems(nodeEnv ? { NODE_ENV: nodeEnv } : {});
      expect(lines).toEqual([
        expect.stringMatching(
          /^ {2}- DB_PASSWORD \(unset\): is required unless NODE_ENV is development or test/,
        ),
        expect.stringMatching(
          /^ {2}- JWT_SECRET \(unset\): is required unless NODE_ENV is development or test.*32/,
        ),
        expect.stringMatching(
          /^ {2}- PUBLIC_URL \(unset\): is required unless NODE_ENV is development or test/,
        ),
        expect.stringMatching(
          /^ {2}- METRICS_TOKEN \(unset\): is required unless NODE_ENV is development or test/,
        ),
      ]);
    }
    expect(validateEnvironment(production)).toMatchObject({
      NODE_ENV: 'production',
      ...production,
    });
    expect(problems({ ...production, METRICS_TOKEN: 'token with spaces inside' })).toEqual([
      '  - METRICS_TOKEN=[redacted]: must be printable ASCII without spaces (it travels in a Bearer header)',
    ]);
    expect(problems({ ...production, JWT_SECRET: 's'.repeat(31) })).toEqual([
      '  - JWT_SECRET=[redacted]: must be at least 32 characters',
    ]);
    expect(problems({ ...production, PAYMENT_WEBHOOK_SECRET: DEVELOPMENT_WEBHOOK_SECRET })).toEqual(
      [
        '  - PAYMENT_WEBHOOK_SECRET=[redacted]: is the published development secret; generate one, e.g. openssl rand -hex 32',
      ],
    );
    expect(validateEnvironment(dev).PAYMENT_WEBHOOK_SECRET).toBe(DEVELOPMENT_WEBHOOK_SECRET);
    expect(problems({ ...dev, PAYMENT_PROVIDER: 'stripe' })).toEqual([
      '  - STRIPE_SECRET_KEY (unset): is required when PAYMENT_PROVIDER=stripe (Stripe dashboard → API keys)',
      "  - STRIPE_WEBHOOK_SECRET (unset): is required when PAYMENT_PROVIDER=stripe (the endpoint's signing secret, or the one `stripe listen` prints)",
    ]);
    expect(
      problems({
        ...dev,
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'pk_test_publishable',
        STRIPE_WEBHOOK_SECRET: 'secret',
      }),
    ).toEqual([
      '  - STRIPE_SECRET_KEY=[redacted]: must be a Stripe secret key (sk_test_…, sk_live_…)',
      '  - STRIPE_WEBHOOK_SECRET=[redacted]: must be a Stripe webhook signing secret (whsec_…)',
    ]);
    const stripe = {
      ...production,
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_live_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    };
    expect(validateEnvironment(stripe).PAYMENT_PROVIDER).toBe('stripe');
    expect(validateEnvironment(dev).PAYMENT_PROVIDER).toBe('sandbox');
    expect(validateEnvironment(production).PAYMENT_PROVIDER).toBeUndefined();
    expect(
      problems({
        ...production,
        PAYMENT_PROVIDER: 'sandbox',
        PAYMENT_WEBHOOK_SECRET: 'w'.repeat(32),
      }),
    ).toEqual([
      '  - PAYMENT_PROVIDER="sandbox": sandbox is for development and test only: its Pay button creates money',
    ]);
  });

  it('SEARCH_ENGINE is database by default; elasticsearch is reserved and refused, not ignored', () => {
    expect(validateEnvironment(dev).SEARCH_ENGINE).toBe('database');
    expect(validateEnvironment({ ...dev, SEARCH_ENGINE: 'database' }).SEARCH_ENGINE).toBe(
      'database',
    );
    expect(problems({ ...dev, SEARCH_ENGINE: 'elasticsearch' })).toEqual([
      '  - SEARCH_ENGINE="elasticsearch": must be database (elasticsearch is reserved: no adapter in this build, see docs/search.md)',
    ]);
  });

  it('refuses every published JWT secret, in any mode, and the development admin password in production', () => {
    for (const secret of PUBLISHED_JWT_SECRETS) {
      for (const raw of [
        { ...production, JWT_SECRET: secret },
        { ...dev, JWT_SECRET: secret },
      ]) {
        expect(problems(raw)).toEqual([
          expect.stringMatching(/^ {2}- JWT_SECRET=\[redacted\]: is a published example value/),
        ]);
      }
    }
    const admin = { ADMIN_EMAIL: 'admin@atrium.example', ADMIN_PASSWORD: 'Admin12345' };
    expect(problems({ ...production, ...admin })).toEqual([
      expect.stringMatching(/^ {2}- ADMIN_PASSWORD=\[redacted\]: is the published/),
    ]);
    expect(problems({ ...dev, ...admin })).toEqual([]);
  });

  it('lets the database tools run without the application secrets (a value that is set is still checked)', () => {
    expect(problems({ DB_PASSWORD: 'x' }, { scope: 'database' })).toEqual([]);
    expect(problems({}, { scope: 'database' })).toEqual([
      expect.stringMatching(/^ {2}- DB_PASSWORD \(unset\)/),
    ]);
    expect(problems({ DB_PASSWORD: 'x', JWT_SECRET: 'short' }, { scope: 'database' })).toHaveLength(
      1,
    );
  });

  it('reports one line per bad variable and never echoes secrets', () => {
    let message = '';
    try {
      validateEnvironment({
        ...dev,
        PORT: 'abc',
        DB_MIGRATE_ON_START: 'maybe',
        JWT_SECRET: 'short-secret',
        NOTIFY_TRANSPORT: 'pigeon',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.map((l) => l.slice(4, l.indexOf('=')))).toEqual([
      'PORT',
      'DB_MIGRATE_ON_START',
      'JWT_SECRET',
      'NOTIFY_TRANSPORT',
    ]);
    expect(message).not.toContain('short-secret');
  });

  it('checks the variables of each HTTP SMS provider the same way, only when the provider is listed', () => {
    const env = validateEnvironment(dev);
    expect([env.SMS_HTTP1_TOKEN, env.SMS_HTTP2_TIMEOUT_MS, env.SMS_HTTP2_RATE_PER_SECOND]).toEqual([
      '',
      3000,
      10,
    ]);
    expect(env.SMS_HTTP1_BODY_TEMPLATE).toBe('{"to":"{{to}}","text":"{{text}}"}');
    expect(problems({ ...dev, SMS_PROVIDERS: 'http2,file' })).toEqual([
      '  - SMS_HTTP2_URL (unset): is required (an http(s) URL) when SMS_PROVIDERS includes http2',
    ]);
    expect(
      problems({
        ...dev,
        SMS_PROVIDERS: 'http1',
        SMS_HTTP1_URL: 'https://sms.example/send',
        SMS_HTTP1_TIMEOUT_MS: '10',
      }),
    ).toEqual(['  - SMS_HTTP1_TIMEOUT_MS="10": must not be less than 50']);
    expect(
      validateEnvironment({
        ...dev,
        SMS_PROVIDERS: 'http1',
        SMS_HTTP1_URL: 'https://sms.example/send',
        SMS_HTTP1_RATE_PER_SECOND: '3',
      }).SMS_HTTP1_RATE_PER_SECOND,
    ).toBe(3);
  });
});

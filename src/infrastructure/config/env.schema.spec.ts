import { validateEnvironment } from './env.schema';

describe('validateEnvironment', () => {
  it('has working defaults for development and a fast bcrypt cost for tests', () => {
    expect(validateEnvironment({}).PORT).toBe(3000);
    expect(validateEnvironment({}).BCRYPT_COST).toBe(12);
    expect(validateEnvironment({ NODE_ENV: 'test' }).BCRYPT_COST).toBe(4);
  });

  it('parses numbers and booleans', () => {
    const env = validateEnvironment({ PORT: '8080', DB_MIGRATE_ON_START: 'true', WORKERS_ENABLED: '0' });
    expect([env.PORT, env.DB_MIGRATE_ON_START, env.WORKERS_ENABLED]).toEqual([8080, true, false]);
  });

  it('requires a JWT_SECRET of 32+ characters in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });

  it('reports one line per bad variable and never echoes secrets', () => {
    let message = '';
    try {
      validateEnvironment({ PORT: 'abc', DB_MIGRATE_ON_START: 'maybe', JWT_SECRET: 'short-secret', NOTIFY_TRANSPORT: 'pigeon' });
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.map((l) => l.slice(4, l.indexOf('=')))).toEqual(['PORT', 'DB_MIGRATE_ON_START', 'JWT_SECRET', 'NOTIFY_TRANSPORT']);
    expect(message).not.toContain('short-secret');
  });
});

import { validateEnvironment } from '../config/env.schema';
import { dataSourceOptions } from './data-source-options';

describe('dataSourceOptions', () => {
  const env = (raw: Record<string, string> = {}) =>
    validateEnvironment({ NODE_ENV: 'test', DB_HOST: 'db', DB_PORT: '3307', ...raw });
  const optionsFor = (raw: Record<string, string> = {}) =>
    dataSourceOptions(env(raw)) as unknown as Record<string, unknown>;

  it('connects to the primary only without DB_REPLICA_HOSTS', () => {
    const options = optionsFor();
    expect(options).toMatchObject({ host: 'db', port: 3307, database: 'atrium' });
    expect(options.replication).toBeUndefined();
  });

  it('adds the replicas (the primary port by default) and keeps reads on the primary', () => {
    const options = optionsFor({ DB_REPLICA_HOSTS: 'r1, r2:3310' });
    const primary = { host: 'db', port: 3307, username: 'atrium', database: 'atrium' };
    expect(options.host).toBeUndefined();
    expect(options.replication).toMatchObject({
      master: primary,
      slaves: [
        { ...primary, host: 'r1' },
        { ...primary, host: 'r2', port: 3310 },
      ],
      defaultMode: 'master',
    });
  });

  it('refuses a malformed replica list', () => {
    expect(() => env({ DB_REPLICA_HOSTS: 'r1;r2' })).toThrow(/DB_REPLICA_HOSTS/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFile } from './env-file';

describe('loadEnvFile', () => {
  const nodeEnv = process.env.NODE_ENV;
  let file: string;
  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'atrium-env-')), '.env');
    writeFileSync(
      file,
      'ATRIUM_T_A=from-file   # an inline comment\nATRIUM_T_B=from-file\nATRIUM_T_C="Atrium <x@y.z>"\n',
    );
    process.env.ATRIUM_T_B = 'from-environment';
  });
  afterEach(() => {
    for (const key of ['ATRIUM_T_A', 'ATRIUM_T_B', 'ATRIUM_T_C']) delete process.env[key];
    process.env.NODE_ENV = nodeEnv;
  });

  it('adds the file’s variables; those already in the environment win', () => {
    process.env.NODE_ENV = 'development';
    loadEnvFile(file);
    expect(process.env.ATRIUM_T_A).toBe('from-file');
    expect(process.env.ATRIUM_T_B).toBe('from-environment');
    expect(process.env.ATRIUM_T_C).toBe('Atrium <x@y.z>');
  });

  it('is ignored by test runs and is optional', () => {
    process.env.NODE_ENV = 'test';
    loadEnvFile(file);
    expect(process.env.ATRIUM_T_A).toBeUndefined();
    process.env.NODE_ENV = 'development';
    expect(() => loadEnvFile(join(tmpdir(), 'no-such-dir', '.env'))).not.toThrow();
    expect(process.env.ATRIUM_T_A).toBeUndefined();
  });
});

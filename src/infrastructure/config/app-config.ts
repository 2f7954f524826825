import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from './env.schema';

/** Typed, validated configuration. Inject this, never read process.env elsewhere. */
@Injectable()
export class AppConfig {
  readonly env: EnvironmentVariables;

  constructor(config: ConfigService) {
    this.env = config.get<EnvironmentVariables>(CONFIG_KEY) as EnvironmentVariables;
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get jwtSecret(): string {
    if (this.env.JWT_SECRET !== undefined) return this.env.JWT_SECRET;
    // The schema already refuses to start production without one; this is the second lock.
    if (this.isProduction) throw new Error('JWT_SECRET is required in production');
    return DEVELOPMENT_JWT_SECRET;
  }

  get corsOrigins(): string[] | boolean {
    const raw = this.env.CORS_ORIGINS.trim();
    if (raw === '') return false;
    if (raw === '*') return true;
    return raw
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }
}

export const CONFIG_KEY = 'atrium';

/** Development and test only (NODE_ENV=development|test without JWT_SECRET); refused in production. */
const DEVELOPMENT_JWT_SECRET = 'atrium-development-secret-do-not-use-in-production';

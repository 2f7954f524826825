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
    // Outside production a fixed development secret is allowed (validated schema enforces prod).
    return this.env.JWT_SECRET ?? 'atrium-development-secret-do-not-use-in-production';
  }

  get corsOrigins(): string[] | boolean {
    const raw = this.env.CORS_ORIGINS.trim();
    if (raw === '') return false;
    if (raw === '*') return true;
    return raw.split(',').map((o) => o.trim()).filter(Boolean);
  }
}

export const CONFIG_KEY = 'atrium';

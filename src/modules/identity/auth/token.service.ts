import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { newId } from '@domain/shared/uuid';
import type { Role } from '@domain/identity/user.aggregate';
import { AppConfig } from '@infra/config/app-config';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  role: Role;
  jti: string;
  iat: number;
  exp: number;
}

export interface IssuedRefreshToken {
  token: string;
  hash: Buffer;
  expiresAt: Date;
}

/** Access tokens are short-lived JWTs; refresh tokens are opaque and stored only hashed. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  signAccessToken(
    userId: string,
    sessionId: string,
    role: Role,
    now: Date,
  ): { token: string; expiresAt: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.config.env.ACCESS_TOKEN_TTL_SECONDS;
    const token = this.jwt.sign({ sub: userId, sid: sessionId, role, jti: newId(), iat, exp });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  issueRefreshToken(now: Date): IssuedRefreshToken {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: TokenService.hashRefreshToken(token),
      expiresAt: new Date(now.getTime() + this.config.env.REFRESH_TOKEN_TTL_SECONDS * 1000),
    };
  }

  static hashRefreshToken(token: string): Buffer {
    return createHash('sha256').update(token, 'utf8').digest();
  }
}

import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { UnauthenticatedError } from '@domain/shared/domain-error';
import { isUuid } from '@domain/shared/uuid';
import { ROLES } from '@domain/identity/user.aggregate';
import { AppConfig } from '@infra/config/app-config';
import { Principal } from '@infra/http/auth.decorators';
import { AccessTokenClaims } from './token.service';
import { SessionValidator } from './session-validator';
import { VerifiedTokens } from './verified-tokens';

/** The bearer token of a request, read as passport-jwt reads it. */
export const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Bearer JWT with the algorithm pinned by config: `alg: none`, other algorithms, bad
 * signatures and expired tokens never reach validate(). A valid signature is not enough:
 * the session behind the token must still be alive.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionValidator,
    private readonly verified: VerifiedTokens,
  ) {
    super({
      jwtFromRequest: bearerToken,
      passReqToCallback: true,
      // A KeyObject, not a string: jsonwebtoken would otherwise try (and fail) to parse the
      // secret as a PEM public key on every verification, which dominated request CPU time.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      algorithms: [config.env.JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  /** Called by passport-jwt once the token is verified: remembered for its next requests. */
  async validate(request: unknown, claims: Partial<AccessTokenClaims>): Promise<Principal> {
    const principal = await this.principalFor(claims);
    const token = bearerToken(request as Parameters<typeof bearerToken>[0]);
    if (token) this.verified.remember(token, claims);
    return principal;
  }

  /** The principal of verified claims, if they are well formed and their session is alive. */
  async principalFor(claims: Partial<AccessTokenClaims>): Promise<Principal> {
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      !isUuid(claims.sub) ||
      !isUuid(claims.sid) ||
      !ROLES.includes(claims.role as never)
    ) {
      throw new UnauthenticatedError('Malformed access token');
    }
    if (!(await this.sessions.isActive(claims.sid)))
      throw new UnauthenticatedError('The session has ended');
    return { userId: claims.sub, sessionId: claims.sid, role: claims.role as Principal['role'] };
  }
}

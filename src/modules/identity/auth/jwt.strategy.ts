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
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not a string: jsonwebtoken would otherwise try (and fail) to parse the
      // secret as a PEM public key on every verification, which dominated request CPU time.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      algorithms: [config.env.JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<Principal> {
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

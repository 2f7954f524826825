import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, UnauthenticatedError } from '@domain/shared/domain-error';
import { IS_OPTIONAL_AUTH, IS_PUBLIC, Principal } from '@infra/http/auth.decorators';
import { bearerToken, JwtStrategy } from './jwt.strategy';
import { VerifiedTokens } from './verified-tokens';

/** Global: every route needs a live session unless marked @Public() or @OptionalAuth(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokens,
    private readonly strategy: JwtStrategy,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const optional = this.reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH, targets);
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    if (optional && !request.headers.authorization) return true;
    // A token verified before (and not expired): only its session is checked again.
    const token = bearerToken(request as never);
    const claims = token ? this.verified.get(token) : undefined;
    if (claims) {
      request.user = await this.strategy.principalFor(claims);
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof DomainError) throw err;
    if (err || !user) throw new UnauthenticatedError('Missing, invalid or expired access token');
    return user;
  }
}

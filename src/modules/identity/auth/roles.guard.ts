import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@domain/shared/domain-error';
import type { Role } from '@domain/identity/user.aggregate';
import { Principal, ROLES } from '@infra/http/auth.decorators';

/** Global: routes marked @Roles(...) admit only those roles (403 otherwise). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user || !roles.includes(user.role))
      throw new ForbiddenError('This operation needs the admin role');
    return true;
  }
}

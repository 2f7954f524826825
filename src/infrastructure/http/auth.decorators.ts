import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@domain/identity/user.aggregate';

export const IS_PUBLIC = 'atrium:isPublic';
export const IS_OPTIONAL_AUTH = 'atrium:optionalAuth';
export const ROLES = 'atrium:roles';

/** The authenticated caller, as established by the JWT guard from a live session. */
export interface Principal {
  userId: string;
  sessionId: string;
  role: Role;
}

/** No token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** A valid token adds per-user fields; an absent one is fine; an invalid one is still 401. */
export const OptionalAuth = () => SetMetadata(IS_OPTIONAL_AUTH, true);
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined => {
    return ctx.switchToHttp().getRequest<{ user?: Principal }>().user;
  },
);

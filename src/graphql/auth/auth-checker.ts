/**
 * type-graphql's `@Authorized(...)` check: an anonymous caller is UNAUTHENTICATED; a caller whose
 * role is not listed is refused (type-graphql's AuthorizationError, which formatError maps to FORBIDDEN).
 * Which objects a caller may see (an applicant its own enterprise only) is checked in the services.
 */
import type { AuthCheckerFn } from 'type-graphql';
import { unauthenticated } from '../errors/api-error.js';
import type { Principal } from './principal.js';
import type { Role } from './role.js';

export const authChecker: AuthCheckerFn<{ principal: Principal | null }, Role> = ({ context }, roles) => {
  if (!context.principal) throw unauthenticated('this operation needs a bearer token');
  return roles.length === 0 || roles.includes(context.principal.role);
};

/**
 * Object-level access: an APPLICANT sees and acts on its own enterprise's objects only. Another
 * enterprise's object reads as NOT_FOUND, exactly like a missing one, so ids leak nothing.
 */
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/role.js';
import { notFound } from '../errors/api-error.js';

/** The credit code a caller's reads are confined to, or undefined for staff (no confinement). */
export function confinedTo(principal: Principal): string | undefined {
  return principal.role === Role.APPLICANT ? principal.creditCode : undefined;
}

/** The object, when it exists and the caller may see it; NOT_FOUND otherwise. */
export function visible<T>(principal: Principal, found: T | null | undefined, creditCodeOf: (t: T) => string, what: string): T {
  const own = confinedTo(principal);
  if (found == null || (own !== undefined && creditCodeOf(found) !== own)) throw notFound(what);
  return found;
}

/** A list filter's credit code, forced to the caller's own for an applicant. */
export function scopedCreditCode(principal: Principal, asked: string | null | undefined): string | undefined {
  const own = confinedTo(principal);
  if (own !== undefined && asked != null && asked !== own) throw notFound(`enterprise ${asked}`);
  return own ?? asked ?? undefined;
}

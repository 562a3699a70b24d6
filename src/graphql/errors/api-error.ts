/**
 * The API's own errors, raised outside the domain (authentication, access, paging). Each carries
 * the `extensions.code` a client switches on; `formatError` passes them through unchanged.
 */
import { GraphQLError } from 'graphql';

/** The codes a client of this API can receive in `extensions.code`. */
export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = { UNAUTHENTICATED: 401 };

export function apiError(code: ApiErrorCode, message: string, reason?: string): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...(reason ? { reason } : {}), ...(status ? { http: { status } } : {}) },
  });
}

export const unauthenticated = (message: string) => apiError('UNAUTHENTICATED', message);
export const badUserInput = (message: string) => apiError('BAD_USER_INPUT', message);
export const notFound = (what: string) => apiError('NOT_FOUND', `${what} was not found`, 'NOT_FOUND');

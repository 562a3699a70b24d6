/**
 * The one place errors become responses. Domain errors keep their sentence and get an API code
 * in `extensions.code` with the domain's own code in `extensions.reason`; client errors (parse,
 * validation, input, authentication, access, a malformed request) pass through; anything else is
 * masked as INTERNAL_SERVER_ERROR, and the plugin below logs it with the request id.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, type DomainErrorCode } from '../../shared/errors.js';
import type { ApiErrorCode } from './api-error.js';

const API_CODE: Record<DomainErrorCode, ApiErrorCode> = {
  INVALID_CREDIT_CODE: 'BAD_USER_INPUT',
  INVALID_INPUT: 'BAD_USER_INPUT',
  AMOUNT_INVALID: 'BAD_USER_INPUT',
  NOT_ELIGIBLE: 'BAD_USER_INPUT',
  BUDGET_EXCEEDED: 'CONFLICT',
  CAP_EXCEEDED: 'CONFLICT',
  ALREADY_AWARDED: 'CONFLICT',
  DOUBLE_DIPPING: 'CONFLICT',
  PREREQUISITE_MISSING: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  ALREADY_EXISTS: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  CONCURRENCY_EXHAUSTED: 'CONFLICT',
  NOTICE_PERIOD: 'CONFLICT',
  OBJECTION_OPEN: 'CONFLICT',
  PERIOD_CLOSED: 'CONFLICT',
  FOUR_EYES: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
};

/** Codes of errors the client caused: shown as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

/** type-graphql's code when `@Authorized` refuses a role. */
const TYPE_GRAPHQL_UNAUTHORIZED = 'UNAUTHORIZED';

type Extensions = { code: string; reason?: string };

/** What the client may see of an error, or null when it must be masked. */
function visibleExtensions(error: unknown): Extensions | null {
  const cause = rootCause(error);
  if (cause instanceof DomainError) return { code: API_CODE[cause.code], reason: cause.code };
  const { code, reason, http } = (error instanceof GraphQLError ? error.extensions : {}) as { code?: unknown; reason?: unknown; http?: { status?: unknown } };
  if (code === TYPE_GRAPHQL_UNAUTHORIZED) return { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' };
  // Apollo refuses a persisted query of an unknown version, or whose hash does not match, with a 400 and no code.
  if (code === undefined && typeof http?.status === 'number' && http.status >= 400 && http.status < 500) return { code: 'BAD_REQUEST' };
  if (typeof code !== 'string' || !CLIENT_CODES.has(code)) return null;
  return typeof reason === 'string' ? { code, reason } : { code };
}

function rootCause(error: unknown): unknown {
  let cause = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const extensions = visibleExtensions(error);
  const { locations, path } = formatted;
  if (!extensions) return { message: 'Internal server error', path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  return { message: formatted.message, locations, path, extensions };
}

/** graphql-js's hint at names the schema has ("Did you mean "enterprise"?"), at a message's end. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * Production hides the schema: formatError, and the hint at names the schema has removed from
 * every message, whether validation or a variable's coercion wrote it.
 */
export function formatErrorFor({ production }: { production: boolean }): typeof formatError {
  if (!production) return formatError;
  return (formatted, error) => {
    const shown = formatError(formatted, error);
    return { ...shown, message: shown.message.replace(SUGGESTION, '') };
  };
}

/**
 * Logs every error that formatError masks, with the request id, so it can be found again; a
 * client's errors only at debug level and without a stack: they are the client's to fix.
 */
export function errorLogger(logger: Logger): ApolloServerPlugin<{ requestId: string }> {
  // One listener, already resolved, for all requests: nothing is allocated for a request that goes well.
  const listener: Promise<GraphQLRequestListener<{ requestId: string }>> = Promise.resolve({
    async didEncounterErrors({ errors, contextValue: { requestId } }) {
      for (const error of errors) {
        const visible = visibleExtensions(error);
        if (visible) logger.debug({ requestId, path: error.path, ...visible, message: error.message }, 'client error');
        else logger.error({ requestId, path: error.path, err: rootCause(error) }, 'unexpected error');
      }
    },
  });
  return { requestDidStart: () => listener };
}

import { describe, expect, it } from 'vitest';
import { apiError } from '../../../src/graphql/errors/api-error.js';
import { formatError, formatErrorFor } from '../../../src/graphql/errors/format-error.js';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../../src/shared/errors.js';

/** What a client sees of an error thrown by a resolver at `path`. */
function seen(thrown: Error) {
  const located = thrown instanceof GraphQLError ? thrown : new GraphQLError(thrown.message, { path: ['approveApplication'], originalError: thrown });
  return formatError(located.toJSON(), located);
}

describe('formatError', () => {
  it.each([
    ['BUDGET_EXCEEDED', 'CONFLICT'],
    ['INVALID_CREDIT_CODE', 'BAD_USER_INPUT'],
    ['AMOUNT_INVALID', 'BAD_USER_INPUT'],
    ['FOUR_EYES', 'FORBIDDEN'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['INVALID_TRANSITION', 'CONFLICT'],
  ] as const)('gives a domain %s as %s with the domain code as reason, keeping its sentence', (reason, code) => {
    const answer = seen(new DomainError(reason, 'the budget line has ¥5,000.00 left'));
    expect(answer).toEqual({ message: 'the budget line has ¥5,000.00 left', path: ['approveApplication'], extensions: { code, reason } });
  });

  it('masks an unexpected error: no message, no stack, no SQL', () => {
    const answer = seen(new Error('SQLITE_ERROR: no such table: applications_v1'));
    expect(answer).toEqual({ message: 'Internal server error', path: ['approveApplication'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('passes the API\'s own errors through without their http status', () => {
    expect(seen(apiError('UNAUTHENTICATED', 'the token has expired'))).toEqual({
      message: 'the token has expired',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('gives a request Apollo refused with a 4xx status and no code as BAD_REQUEST, and masks a 5xx', () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(seen(mismatch)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
    const broken = new GraphQLError('the gateway failed', { extensions: { http: { status: 502 } } });
    expect(seen(broken).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('gives type-graphql\'s role refusal as FORBIDDEN', () => {
    const refusal = new GraphQLError("Access denied! You don't have permission for this action!", { extensions: { code: 'UNAUTHORIZED' } });
    expect(seen(refusal).extensions).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});

describe('formatErrorFor', () => {
  const typo = new GraphQLError('Cannot query field "enterprize" on type "Query". Did you mean "enterprise" or "enterprises"?', {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });

  it('keeps the names the schema suggests in development', () => {
    expect(formatErrorFor({ production: false })(typo.toJSON(), typo).message).toMatch(/Did you mean "enterprise" or "enterprises"\?$/);
  });

  it('removes them in production, and maps the error as formatError does', () => {
    expect(formatErrorFor({ production: true })(typo.toJSON(), typo)).toEqual({
      message: 'Cannot query field "enterprize" on type "Query".',
      locations: undefined,
      path: undefined,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

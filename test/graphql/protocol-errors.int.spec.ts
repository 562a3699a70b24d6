/**
 * Requests the API does not serve, as an attacker or a confused client sends them: a subscription,
 * an operation name the document does not have, and automatic persisted queries that are malformed
 * or do not match. Each is a client error with
 * the status and `extensions.code` Apollo's clients know, and the log keeps it below error level,
 * without a stack: an operator is not paged for a client's mistake.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/auth/role.js';
import { RUNS_BEFORE_COMPILING } from '../../src/graphql/compiled-execution.js';
import { creditCode } from '../support/domain-fixtures.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';
import { postGraphql } from './support/http.js';

// Nothing here depends on the event store: the first one serves.
const [firstStore] = testStores();
const VIEWER = '{ viewer { role } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('requests the API does not serve', () => {
  let api: TestApi;
  let auditor: string;
  let lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    api = await startTestApi(firstStore!, { logger: pino({ level: 'trace' }, sink) });
    auditor = await token(Role.AUDITOR);
  });
  afterAll(() => api?.close());
  beforeEach(() => {
    lines = [];
  });

  /** Nothing the request caused was logged at error level or with a stack. */
  function expectQuietLog() {
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(JSON.stringify(lines)).not.toMatch(/"stack"|\bat .*\.(ts|js):\d+/);
  }

  it('refuses a subscription as a validation error: the API has none', async () => {
    const answer = await postGraphql(api.url, { query: 'subscription { viewer { role } }', token: auditor });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/subscription/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expectQuietLog();
  });

  // Sent more times than an operation runs before it is compiled: the refusal does not depend on how it runs.
  it.each([
    ['a query', VIEWER, 'auditor'],
    ['a mutation that would write', `mutation { registerEnterprise(input: { idempotencyKey: "op-name", creditCode: "${creditCode(4343)}", name: "许昌名称测试有限公司", county: "weidu", kind: ENTERPRISE }) { position } }`, 'admin'],
  ])('refuses %s under an operation name the document does not have, runs nothing, as BAD_REQUEST (400)', async (_, query, who) => {
    const bearer = who === 'admin' ? await token(Role.ADMIN) : auditor;
    const before = await api.eventCount();
    for (const operationName of [...Array.from({ length: RUNS_BEFORE_COMPILING + 2 }, () => 'Nope'), '']) {
      const answer = await postGraphql(api.url, { query, operationName, token: bearer });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errors: [{ message: `Unknown operation named "${operationName}".`, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    }
    expect(await api.eventCount()).toBe(before);
    expectQuietLog();
  });

  it.each([
    ['a hash that does not match the query', { query: VIEWER, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ viewer { subject } }') } } }, /does not match/],
    ['the query without its hash', { query: VIEWER, extensions: { persistedQuery: { version: 1 } } }, /does not match/],
    ['an unknown version', { query: VIEWER, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(VIEWER) } } }, /version/],
    ['a persisted query that is not an object', { query: VIEWER, extensions: { persistedQuery: 'yes' } }, /version/],
  ])('refuses %s as BAD_REQUEST (400)', async (_, request, why) => {
    const answer = await postGraphql(api.url, { ...request, token: auditor });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([{ message: expect.stringMatching(why), extensions: { code: 'BAD_REQUEST' } }]);
    expectQuietLog();
  });

  // As Apollo's clients expect: they send the query with its hash next, and a bad hash is refused then.
  it.each([
    ['a well-formed hash it does not know', sha256('{ viewer { subject role } }')],
    ['a hash that is not a SHA-256', 'not-a-hash'],
    ['a hash given as a number', 42],
    ['no hash', undefined],
  ])('asks for the query of %s, alone, as PERSISTED_QUERY_NOT_FOUND', async (_, sha256Hash) => {
    const answer = await postGraphql(api.url, { token: auditor, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(answer.body.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
    expect(answer.body.data).toBeUndefined();
    expectQuietLog();
  });

  it('logs each refusal below error level, with its code and the request id', async () => {
    const answer = await postGraphql(api.url, { query: VIEWER, token: auditor, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(VIEWER) } } });
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, code: 'BAD_REQUEST', requestId: answer.headers.get('x-request-id') }));
    expectQuietLog();
  });
});

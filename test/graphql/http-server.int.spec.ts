import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JwtConfig } from '../../src/config.js';
import { mintDevelopmentToken } from '../../src/graphql/auth/mint-token.js';
import { Role } from '../../src/graphql/auth/role.js';
import { createTokenVerifier } from '../../src/graphql/auth/verify-token.js';
import type { Readiness } from '../../src/graphql/http-server.js';
import { buildLedgerSchema } from '../../src/graphql/schema.js';
import { type RunningApi, startApi } from '../../src/graphql/server.js';
import { postGraphql, send } from './support/http.js';

const jwt: JwtConfig = {
  key: { algorithm: 'HS256', secret: 'a-test-secret-that-is-long-enough-for-hs256', isDefaultSecret: false },
  issuer: 'grants-ledger',
  audience: 'grants-ledger-api',
};
const VIEWER = '{ viewer { subject role } }';

describe('the HTTP server', () => {
  let api: RunningApi;
  let readiness: Readiness;
  let readinessCheck: () => Promise<Readiness>;
  let newestHead: unknown;
  let auditor: string;

  beforeEach(async () => {
    readiness = { ready: true, details: { head: '00000000000000000003' } };
    readinessCheck = async () => readiness;
    newestHead = undefined;
    auditor = await mintDevelopmentToken(jwt, { role: Role.AUDITOR, subject: 'aud-1' });
    api = await startApi(
      {
        schema: await buildLedgerSchema(),
        production: false,
        logger: pino({ level: 'silent' }),
        maxBodyBytes: 10_000,
        verifyToken: createTokenVerifier(jwt),
        contextFor: () => ({}),
        readiness: () => readinessCheck(),
        ledgerHead: () => newestHead,
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterEach(() => api.stop());

  const base = () => api.url.replace('/graphql', '');

  it('answers /healthz while alive and /readyz by what readiness says', async () => {
    expect((await send(`${base()}/healthz`, {})).status).toBe(200);
    expect(await send(`${base()}/readyz`, {})).toMatchObject({ status: 200, body: { status: 'ready', head: '00000000000000000003' } });
    readiness = { ready: false, details: { behindBy: '5' } };
    expect(await send(`${base()}/readyz`, {})).toMatchObject({ status: 503, body: { status: 'not ready', behindBy: '5' } });
  });

  it('serves no tree head at /ledger/head before the first is signed, then the newest, to anyone', async () => {
    expect(await send(`${base()}/ledger/head`, {})).toMatchObject({ status: 404, body: { error: 'no tree head has been signed yet' } });
    newestHead = { treeSize: 3, reason: 'schedule' };
    expect(await send(`${base()}/ledger/head`, {})).toMatchObject({ status: 200, body: { treeSize: 3, reason: 'schedule' } });
  });

  it('runs an operation for a verified token and echoes or makes a request id', async () => {
    const answer = await postGraphql(api.url, { query: VIEWER, token: auditor, headers: { 'x-request-id': 'trace-42' } });
    expect(answer.body).toEqual({ data: { viewer: { subject: 'aud-1', role: 'AUDITOR' } } });
    expect(answer.headers.get('x-request-id')).toBe('trace-42');
    expect((await postGraphql(api.url, { query: VIEWER, token: auditor })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an anonymous operation as UNAUTHENTICATED and a bad token with 401', async () => {
    const anonymous = await postGraphql(api.url, { query: VIEWER });
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await postGraphql(api.url, { query: VIEWER, token: `${auditor.slice(0, -3)}abc` });
    expect(forged.status).toBe(401);
    expect(forged.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(forged.body.data).toBeUndefined();
  });

  describe('automatic persisted queries', () => {
    const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } });

    it('asks for the query of a hash it does not know, then runs the hash alone once it was sent with its query', async () => {
      const unknown = await postGraphql(api.url, { token: auditor, extensions: persisted(VIEWER) });
      expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(unknown.body.data).toBeUndefined();
      const registered = await postGraphql(api.url, { query: VIEWER, token: auditor, extensions: persisted(VIEWER) });
      expect(registered.body).toEqual({ data: { viewer: { subject: 'aud-1', role: 'AUDITOR' } } });
      const byHash = await postGraphql(api.url, { token: auditor, extensions: persisted(VIEWER) });
      expect(byHash.body).toEqual({ data: { viewer: { subject: 'aud-1', role: 'AUDITOR' } } });
    });

    it('refuses a query sent with another query\'s hash, and keeps nothing under that hash', async () => {
      const other = '{ viewer { role } }';
      const mismatch = await postGraphql(api.url, { query: VIEWER, token: auditor, extensions: persisted(other) });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.data).toBeUndefined();
      const byHash = await postGraphql(api.url, { token: auditor, extensions: persisted(other) });
      expect(byHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('checks the token of a request by hash like any other', async () => {
      await postGraphql(api.url, { query: VIEWER, token: auditor, extensions: persisted(VIEWER) });
      const anonymous = await postGraphql(api.url, { extensions: persisted(VIEWER) });
      expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const forged = await postGraphql(api.url, { token: `${auditor.slice(0, -3)}abc`, extensions: persisted(VIEWER) });
      expect(forged.status).toBe(401);
    });

    it('does not keep a query that fails validation', async () => {
      const invalid = '{ viewer { noSuchField } }';
      expect((await postGraphql(api.url, { query: invalid, token: auditor, extensions: persisted(invalid) })).status).toBe(400);
      const byHash = await postGraphql(api.url, { token: auditor, extensions: persisted(invalid) });
      expect(byHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  it('refuses batched requests', async () => {
    const answer = await send(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auditor}` },
      body: JSON.stringify([{ query: VIEWER }, { query: VIEWER }]),
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).not.toContain('aud-1');
  });

  it('refuses a GET without a CSRF-safe header, and runs it with one', async () => {
    const url = `${api.url}?query=${encodeURIComponent(VIEWER)}`;
    const authorization = `Bearer ${auditor}`;
    expect((await send(url, { headers: { authorization } })).status).toBe(400);
    const safe = await send(url, { headers: { authorization, 'apollo-require-preflight': 'true' } });
    expect(safe.body).toEqual({ data: { viewer: { subject: 'aud-1', role: 'AUDITOR' } } });
  });

  it('refuses a body over the size limit with 413 before running anything', async () => {
    const answer = await postGraphql(api.url, { query: VIEWER, token: auditor, variables: { padding: 'x'.repeat(20_000) } });
    expect(answer.status).toBe(413);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const answer = await send(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(answer.status).toBe(400);
  });

  it('on stop, finishes a request in flight and takes no new connection', async () => {
    let stopping: Promise<void> | undefined;
    // The stop begins while /readyz is being answered: that request is in flight.
    readinessCheck = async () => {
      stopping = api.stop();
      await new Promise((resolve) => setImmediate(resolve));
      return { ready: true, details: {} };
    };
    expect((await send(`${base()}/readyz`, {})).status).toBe(200);
    await stopping;
    await expect(send(`${base()}/healthz`, {})).rejects.toThrow();
  });
});

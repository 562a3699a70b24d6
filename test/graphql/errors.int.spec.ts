/**
 * What a client sees when something unexpected breaks, and what the operator sees: the client
 * gets a masked INTERNAL_SERVER_ERROR (no message, no stack, no SQL), the log gets the error
 * with the request id the response carries. And production hides the schema.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';
import { send } from './support/http.js';

// Nothing here depends on the event store: the first one serves.
const [firstStore] = testStores();

describe('errors and production mode', () => {
  let api: TestApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('masks an unexpected failure for the client and logs it with the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    api = await startTestApi(firstStore!, { logger: pino({ level: 'error' }, sink) });
    // The read model breaks under the API: a table is gone.
    api.app.readStores.models.db.exec('DROP VIEW enterprises');
    const answer = await api.gql('{ enterprises(first: 5) { totalCount } }', {}, await token(Role.AUDITOR));
    expect(answer.body.errors).toEqual([{ message: 'Internal server error', path: ['enterprises'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(answer.body)).not.toMatch(/enterprises_v|SQLITE|no such table|at .*\.ts/);
    const logged = lines.find((l) => l.msg === 'unexpected error');
    expect(logged).toMatchObject({ requestId: answer.headers.get('x-request-id'), path: ['enterprises'], err: { message: expect.stringContaining('no such table') } });
  });

  it('serves the explorer at the endpoint, and suggests field names, in development', async () => {
    api = await startTestApi(firstStore!);
    const page = await send(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<html');
    const typo = await api.gql('{ enterprize(creditCode: "x") { name } }', {}, await token(Role.AUDITOR));
    expect(typo.body.errors[0].message).toMatch(/Did you mean "enterprise/);
  });

  it('turns introspection, field suggestions and the explorer off in production', async () => {
    api = await startTestApi(firstStore!, { production: true });
    const auditor = await token(Role.AUDITOR);
    const introspection = await api.gql('{ __schema { types { name } } }', {}, auditor);
    expect(introspection.body.errors[0].message).toMatch(/introspection is not allowed/i);
    const typo = await api.gql('{ enterprize(creditCode: "x") { name } }', {}, auditor);
    expect(typo.body.errors[0].message).toMatch(/Cannot query field "enterprize"/);
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
    const byStatus = 'query ($status: ApplicationStatus) { applications(first: 1, filter: { status: $status }) { totalCount } }';
    const misspelt = await api.gql(byStatus, { status: 'APPROVD' }, auditor);
    expect(misspelt.body.errors[0]).toMatchObject({ message: expect.stringMatching(/"APPROVD" does not exist/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(misspelt.body.errors[0].message).not.toMatch(/Did you mean|APPROVED/);
    expect((await send(api.url, { headers: { accept: 'text/html' } })).body).not.toContain('<html');
  });
});

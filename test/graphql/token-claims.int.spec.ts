/**
 * The caller's name (the token's `sub`) is written into every event the caller causes: a token
 * whose `sub` hides control, format or bidi characters, or runs past 200 characters, is refused
 * as a whole. And the `Bearer` scheme is read whatever its case (RFC 7235).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';
import { postGraphql } from './support/http.js';

// Nothing here depends on the event store: the first one serves.
const [firstStore] = testStores();
const VIEWER = '{ viewer { subject role } }';

describe("a token's subject and scheme", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(firstStore!);
  });
  afterAll(() => api?.close());

  it.each([
    ['a right-to-left override', 'admin\u202Egnp.exe'],
    ['a NUL', 'admin\u0000'],
    ['a line feed', 'admin\nrole: ADMIN'],
    ['a zero-width space', 'ad\u200Bmin'],
    ['201 characters', 'x'.repeat(201)],
  ])('refuses a subject with %s as UNAUTHENTICATED (401)', async (_, subject) => {
    const answer = await postGraphql(api.url, { query: VIEWER, token: await token(Role.ADMIN, subject) });
    expect(answer.status).toBe(401);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([{ message: expect.stringMatching(/"sub"/), extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('accepts a subject of 200 printable characters, in any script', async () => {
    const subject = `许昌市财政局-${'张'.repeat(193)}`;
    const answer = await postGraphql(api.url, { query: VIEWER, token: await token(Role.AUDITOR, subject) });
    expect(answer.body).toEqual({ data: { viewer: { subject, role: 'AUDITOR' } } });
  });

  it.each(['bearer ', 'BEARER ', 'BeArEr ', 'Bearer   '])('reads the scheme written "%s"', async (scheme) => {
    const bearer = await token(Role.AUDITOR, 'aud-case');
    const answer = await postGraphql(api.url, { query: VIEWER, headers: { authorization: `${scheme}${bearer}` } });
    expect(answer.body).toEqual({ data: { viewer: { subject: 'aud-case', role: 'AUDITOR' } } });
  });
});

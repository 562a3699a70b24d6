import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JwtConfig } from '../../../src/config.js';
import { mintDevelopmentToken } from '../../../src/graphql/auth/mint-token.js';
import { Role } from '../../../src/graphql/auth/role.js';
import { createTokenVerifier } from '../../../src/graphql/auth/verify-token.js';
import { creditCode } from '../../support/domain-fixtures.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const hs256: JwtConfig = {
  key: { algorithm: 'HS256', secret, isDefaultSecret: false },
  issuer: 'grants-ledger',
  audience: 'grants-ledger-api',
};
const key = new TextEncoder().encode(secret);

const signed = (claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT = (j) => j) =>
  configure(
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuer(hs256.issuer)
      .setAudience(hs256.audience)
      .setExpirationTime('1h'),
  ).sign(key);

async function refusal(config: JwtConfig, header: string) {
  return createTokenVerifier(config)(header).then(
    () => 'accepted',
    (e: { message: string; extensions: { code: string } }) => `${e.extensions.code}: ${e.message}`,
  );
}

describe('a development (HS256) verifier', () => {
  const verify = createTokenVerifier(hs256);

  it('reads role, subject and an applicant\'s enterprise from a minted token', async () => {
    const token = await mintDevelopmentToken(hs256, { role: Role.APPLICANT, subject: 'a-1', enterprise: creditCode(1) });
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: 'a-1', role: 'APPLICANT', creditCode: creditCode(1) });
  });

  it('reads a unit\'s name from a minted UNIT token, and mints none without it', async () => {
    const token = await mintDevelopmentToken(hs256, { role: Role.UNIT, subject: 'u-1', unit: '市人社局' });
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: 'u-1', role: 'UNIT', unit: '市人社局' });
    await expect(mintDevelopmentToken(hs256, { role: Role.UNIT, subject: 'u-1' })).rejects.toThrow(/unit/);
  });

  it('mints no applicant token for an enterprise that is not a real credit code', async () => {
    await expect(mintDevelopmentToken(hs256, { role: Role.APPLICANT, subject: 'a-1', enterprise: 'ACME' })).rejects.toThrow(/18 characters/);
  });

  it('treats a request without a token as anonymous', async () => {
    expect(await verify(undefined)).toBeNull();
  });

  it.each([
    ['an expired token', () => signed({ role: 'AUDITOR' }, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 3600)), 'expired'],
    ['a token for another audience', () => signed({ role: 'AUDITOR' }, (j) => j.setAudience('another-api')), '"aud"'],
    ['a token from another issuer', () => signed({ role: 'AUDITOR' }, (j) => j.setIssuer('someone-else')), '"iss"'],
    ['a token without exp', () => new SignJWT({ role: 'AUDITOR' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(hs256.issuer).setAudience(hs256.audience).sign(key), '"exp"'],
    ['an unsigned token (alg none)', async () => new UnsecuredJWT({ role: 'ADMIN' }).setSubject('u').setIssuer(hs256.issuer).setAudience(hs256.audience).setExpirationTime('1h').encode(), 'not'],
    ['a token signed with another secret', () => new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(hs256.issuer).setAudience(hs256.audience).setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(40))), 'signature'],
    ['a token with an unknown role', () => signed({ role: 'MAYOR' }), 'role'],
    ['an applicant token without its enterprise', () => signed({ role: 'APPLICANT' }), 'enterprise'],
    ['an applicant token whose enterprise is not a credit code', () => signed({ role: 'APPLICANT', enterprise: 'not a credit code; anything' }), 'enterprise'],
    ['a unit token without its unit', () => signed({ role: 'UNIT' }), '"unit"'],
    ['a unit token whose unit hides a bidi override', () => signed({ role: 'UNIT', unit: '市工信委\u202E' }), '"unit"'],
    ['a token whose subject is not a string', () => new SignJWT({ role: 'AUDITOR', sub: 12345 } as Record<string, unknown>).setProtectedHeader({ alg: 'HS256' }).setIssuer(hs256.issuer).setAudience(hs256.audience).setExpirationTime('1h').sign(key), '"sub"'],
    ['a token with a blank subject', () => signed({ role: 'AUDITOR' }, (j) => j.setSubject('  ')), '"sub"'],
  ])('refuses %s as UNAUTHENTICATED', async (_, token, why) => {
    const answer = await refusal(hs256, `Bearer ${await token()}`);
    expect(answer).toMatch(/^UNAUTHENTICATED: /);
    expect(answer).toContain(why);
  });

  it('refuses a token it accepted before, once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T08:00:00Z'));
    const token = await signed({ role: 'AUDITOR' }, (j) => j.setExpirationTime('1m'));
    expect(await verify(`Bearer ${token}`)).toEqual({ subject: 'u-1', role: 'AUDITOR' });
    vi.setSystemTime(new Date('2025-06-01T08:02:00Z'));
    expect(await refusal(hs256, `Bearer ${token}`)).toMatch(/^UNAUTHENTICATED: the token has expired/);
    await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
  afterEach(() => vi.useRealTimers());

  it('refuses a header that is not a bearer token', async () => {
    expect(await refusal(hs256, 'Basic dXNlcjpwYXNz')).toMatch(/^UNAUTHENTICATED: .*Bearer/);
  });
});

describe('a production (RS256 + JWKS) verifier', () => {
  let jwksServer: Server;
  let config: JwtConfig;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    config = { ...hs256, key: { algorithm: 'RS256', jwksUrl: `http://127.0.0.1:${port}/jwks.json` } };
  });
  afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

  const rs256Token = () =>
    new SignJWT({ role: 'FINANCE' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('f-1')
      .setIssuer(hs256.issuer)
      .setAudience(hs256.audience)
      .setExpirationTime('1h')
      .sign(privateKey);

  it('accepts a token signed by a key of the JWKS', async () => {
    expect(await createTokenVerifier(config)(`Bearer ${await rs256Token()}`)).toEqual({ subject: 'f-1', role: 'FINANCE' });
  });

  it('refuses an HS256 token even when signed with a secret (the algorithm is pinned)', async () => {
    expect(await refusal(config, `Bearer ${await signed({ role: 'FINANCE' })}`)).toMatch(/^UNAUTHENTICATED: .*algorithm/);
  });
});

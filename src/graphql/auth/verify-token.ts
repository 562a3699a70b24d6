/**
 * Bearer-token verification with jose: the algorithm is pinned (HS256 in development, RS256 with
 * a JWKS in production), `exp` is required, issuer and audience must match. A request without a
 * token is anonymous; a request with a bad token is refused as a whole (401).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { webcrypto } from 'node:crypto';
import type { JwtConfig } from '../../config.js';
import { creditCodeProblem } from '../../enterprise/credit-code.js';
import { BoundedMap } from '../../shared/bounded-map.js';
import { unauthenticated } from '../errors/api-error.js';
import { TEXT, textProblem } from '../shared/text.js';
import type { Principal } from './principal.js';
import { isRole, Role } from './role.js';

/** Reads the `Authorization` header: no header → null (anonymous); a bad token → UNAUTHENTICATED. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Principal | null>;

export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const verify = verifierFor(config);
  const verified = new VerifiedTokens();
  return async (authorization) => {
    if (!authorization) return null;
    // The scheme's name is case-insensitive (RFC 7235 §2.1), and one or more spaces follow it (RFC 6750 §2.1).
    const match = /^Bearer +([\w-]+\.[\w-]*\.[\w-]*)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const known = verified.get(token);
    if (known) return known;
    try {
      const payload = await verify(token);
      return verified.remember(token, principalFrom(payload), payload.exp!);
    } catch (error) {
      throw unauthenticated(describe(error));
    }
  };
}

/**
 * Tokens already verified, until they expire: a client's every request does not pay for the
 * signature again. Bounded; the oldest entry makes room.
 */
class VerifiedTokens {
  private static readonly SIZE = 10_000;
  private readonly tokens = new BoundedMap<string, { principal: Principal; expiresAtMs: number }>(VerifiedTokens.SIZE);

  get(token: string): Principal | undefined {
    const known = this.tokens.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    this.tokens.delete(token);
    return undefined;
  }

  remember(token: string, principal: Principal, expiresAtSeconds: number): Principal {
    this.tokens.set(token, { principal, expiresAtMs: expiresAtSeconds * 1000 });
    return principal;
  }
}

function verifierFor(config: JwtConfig): (token: string) => Promise<JWTPayload> {
  const options = {
    algorithms: [config.key.algorithm],
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ['exp', 'sub'],
  };
  if (config.key.algorithm === 'HS256') {
    // Imported once: handing jose the raw secret would import it again for every request.
    const secret = webcrypto.subtle.importKey('raw', new TextEncoder().encode(config.key.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    return async (token) => (await jwtVerify(token, await secret, options)).payload;
  }
  const jwks = createRemoteJWKSet(new URL(config.key.jwksUrl));
  return async (token) => (await jwtVerify(token, jwks, options)).payload;
}

class InvalidClaims extends Error {}

function principalFrom(payload: JWTPayload): Principal {
  const { sub, role, enterprise, unit } = payload as JWTPayload & { role?: unknown; enterprise?: unknown; unit?: unknown };
  // jose checks that "sub" is there, not what it is: it names who acts in every event written.
  if (typeof sub !== 'string' || sub.trim() === '') throw new InvalidClaims('the token\'s "sub" claim must name the user');
  const problem = textProblem('the token\'s "sub" claim', sub, TEXT.NAME);
  if (problem) throw new InvalidClaims(problem);
  if (!isRole(role)) throw new InvalidClaims('the token has no valid "role" claim');
  if (role === Role.UNIT) return { subject: sub, role, unit: unitClaim(unit) };
  if (role !== Role.APPLICANT) return { subject: sub, role };
  if (typeof enterprise !== 'string' || creditCodeProblem(enterprise) !== undefined) {
    throw new InvalidClaims('an APPLICANT token must name its enterprise\'s credit code in the "enterprise" claim');
  }
  return { subject: sub, role, creditCode: enterprise };
}

/** A UNIT token's "unit" claim: the unit it records for, recorded in every activity it writes. */
function unitClaim(unit: unknown): string {
  if (typeof unit !== 'string' || unit.trim() === '') throw new InvalidClaims('a UNIT token must name its unit in the "unit" claim');
  const problem = textProblem('the token\'s "unit" claim', unit, TEXT.NAME);
  if (problem) throw new InvalidClaims(problem);
  return unit;
}

/** A sentence saying why a token was refused, without echoing the token. */
function describe(error: unknown): string {
  if (error instanceof InvalidClaims) return error.message;
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signing algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  return 'the token is not valid';
}

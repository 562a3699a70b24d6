/**
 * Bearer-token verification with jose: the algorithm is pinned (HS256 in development, RS256 with
 * a JWKS in production), `exp` is required, issuer and audience must match. A request without a
 * token is anonymous; a request with a bad token is refused as a whole (401).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { JwtConfig } from '../../config.js';
import { unauthenticated } from '../errors/api-error.js';
import type { Principal } from './principal.js';
import { isRole, Role } from './role.js';

/** Reads the `Authorization` header: no header → null (anonymous); a bad token → UNAUTHENTICATED. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Principal | null>;

export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const verify = verifierFor(config);
  return async (authorization) => {
    if (!authorization) return null;
    const match = /^Bearer ([\w-]+\.[\w-]*\.[\w-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    try {
      return principalFrom(await verify(match[1]!));
    } catch (error) {
      throw unauthenticated(describe(error));
    }
  };
}

function verifierFor(config: JwtConfig): (token: string) => Promise<JWTPayload> {
  const options = {
    algorithms: [config.key.algorithm],
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ['exp', 'sub'],
  };
  if (config.key.algorithm === 'HS256') {
    const secret = new TextEncoder().encode(config.key.secret);
    return async (token) => (await jwtVerify(token, secret, options)).payload;
  }
  const jwks = createRemoteJWKSet(new URL(config.key.jwksUrl));
  return async (token) => (await jwtVerify(token, jwks, options)).payload;
}

class InvalidClaims extends Error {}

function principalFrom(payload: JWTPayload): Principal {
  const { sub, role, enterprise } = payload as JWTPayload & { role?: unknown; enterprise?: unknown };
  if (!isRole(role)) throw new InvalidClaims('the token has no valid "role" claim');
  if (role !== Role.APPLICANT) return { subject: sub!, role };
  if (typeof enterprise !== 'string' || !enterprise) {
    throw new InvalidClaims('an APPLICANT token must name its enterprise\'s credit code in the "enterprise" claim');
  }
  return { subject: sub!, role, creditCode: enterprise };
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

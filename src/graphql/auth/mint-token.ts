/** Development tokens (HS256), for the token CLI, the demo and the tests. */
import { SignJWT } from 'jose';
import type { JwtConfig } from '../../config.js';
import { creditCodeProblem } from '../../enterprise/credit-code.js';
import type { LedgerClaims } from './principal.js';
import { Role } from './role.js';

export interface TokenRequest {
  role: Role;
  subject: string;
  /** APPLICANT: the credit code of the enterprise the token acts for. */
  enterprise?: string;
  /** UNIT: the unit it records for, e.g. 市工信委. */
  unit?: string;
  /** A jose time span such as "8h" or "30d". */
  expiresIn?: string;
}

export async function mintDevelopmentToken(config: JwtConfig, request: TokenRequest): Promise<string> {
  if (config.key.algorithm !== 'HS256') {
    throw new Error('tokens can only be minted with the development HS256 secret; in production the identity provider issues them');
  }
  if (request.role === Role.APPLICANT && !request.enterprise) {
    throw new Error('an APPLICANT token needs the credit code of its enterprise');
  }
  if (request.role === Role.UNIT && !request.unit) throw new Error('a UNIT token needs the name of its unit');
  const problem = request.enterprise === undefined ? undefined : creditCodeProblem(request.enterprise);
  // The server refuses a token whose enterprise is not a real credit code: better not to mint it.
  if (problem) throw new Error(`the enterprise of the token: ${problem}`);
  const claims: LedgerClaims = {
    role: request.role,
    ...(request.enterprise ? { enterprise: request.enterprise } : {}),
    ...(request.role === Role.UNIT ? { unit: request.unit } : {}),
  };
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(config.key.secret));
}

/** Who is calling: the verified subject of a bearer token. */
import { Role } from './role.js';

export interface Principal {
  /** The token's `sub`: recorded as the actor of every event the caller causes. */
  subject: string;
  role: Role;
  /** APPLICANT only: the credit code of the one enterprise the caller acts for. */
  creditCode?: string;
  /** UNIT only: the unit (牵头/配合单位) the caller records for, e.g. 市工信委. */
  unit?: string;
}

/** The claims the ledger reads from a token, beside the registered ones (sub, iss, aud, exp). */
export interface LedgerClaims {
  role: Role;
  /** APPLICANT only: the enterprise's credit code. */
  enterprise?: string;
  /** UNIT only: the unit's name, e.g. 市工信委. */
  unit?: string;
}

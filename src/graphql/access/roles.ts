/** Who may call what: the role lists every `@Authorized(...)` names, kept in one place. */
import { Role } from '../auth/role.js';

const { APPLICANT, OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR, ADMIN } = Role;

/** Everyone who works on grants inside the administration. */
const STAFF = [OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR];

export const MAY = {
  readCatalog: [APPLICANT, ...STAFF, ADMIN],
  readEnterprises: [APPLICANT, ...STAFF, ADMIN],
  /** Applications, balances and payments: an applicant sees its own only. */
  readCases: [APPLICANT, ...STAFF],
  readBudgets: [APPROVER, TREASURY, FINANCE, AUDITOR],
  reconcile: [FINANCE, AUDITOR],
  readRawEvents: [AUDITOR],
  keepRegister: [ADMIN],
  keepCatalog: [ADMIN],
  manageBudgets: [FINANCE],
  /** 结账: prepared by one person of Finance, confirmed by another. */
  closeFiscalYear: [FINANCE],
  apply: [APPLICANT],
  review: [OFFICER],
  decide: [APPROVER],
  pay: [TREASURY],
} satisfies Record<string, Role[]>;

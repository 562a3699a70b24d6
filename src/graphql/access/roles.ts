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
  /** The treasury reconciliation's report: Finance's own work, which auditors check. */
  readTreasuryReport: [FINANCE, AUDITOR],
  /** Import a treasury file, resolve and confirm its exceptions (one resolves, another confirms). */
  reconcileTreasury: [FINANCE],
  readRawEvents: [AUDITOR],
  keepRegister: [ADMIN],
  keepCatalog: [ADMIN],
  manageBudgets: [FINANCE],
  apply: [APPLICANT],
  review: [OFFICER],
  decide: [APPROVER],
  pay: [TREASURY],
  /** Signed tree heads are public (GET /ledger/head): any role. */
  readLedgerHeads: [APPLICANT, ...STAFF, ADMIN],
  readAuditProofs: [FINANCE, AUDITOR],
  signLedgerHeads: [ADMIN, AUDITOR],
  /** Public notice (公示) is public: anyone with a role reads it, and may object in their own name. */
  readNotices: [APPLICANT, ...STAFF, ADMIN],
  object: [APPLICANT, ...STAFF, ADMIN],
  /** Objections name people and how to reach them: the administration reads them. */
  readObjections: [...STAFF, ADMIN],
  publishNotice: [OFFICER],
  decideObjections: [OFFICER, APPROVER],
  readCalendar: [APPLICANT, ...STAFF, ADMIN],
  keepCalendar: [ADMIN],
} satisfies Record<string, Role[]>;

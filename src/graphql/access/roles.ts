/** Who may call what: the role lists every `@Authorized(...)` names, kept in one place. */
import { Role } from '../auth/role.js';

const { APPLICANT, OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR, ADMIN, SUPERVISOR, UNIT } = Role;

/** Everyone who works on grants inside the administration. */
const STAFF = [OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR];

/** Who follows the policy's measures without handling grants: the supervising office (督办) and the units. */
const MEASURES = [SUPERVISOR, UNIT];

/** Every role: what is public to anyone signed in. */
const EVERYONE = [APPLICANT, ...STAFF, ADMIN, ...MEASURES];

export const MAY = {
  readCatalog: EVERYONE,
  readEnterprises: EVERYONE,
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
  /** 结账: prepared by one person of Finance, confirmed by another. */
  closeFiscalYear: [FINANCE],
  apply: [APPLICANT],
  review: [OFFICER],
  decide: [APPROVER],
  pay: [TREASURY],
  /** Signed tree heads are public (GET /ledger/head): any role. */
  readLedgerHeads: EVERYONE,
  readAuditProofs: [FINANCE, AUDITOR],
  signLedgerHeads: [ADMIN, AUDITOR],
  /** Public notice (公示) is public: anyone with a role reads it, and may object in their own name. */
  readNotices: EVERYONE,
  object: EVERYONE,
  /** Objections name people and how to reach them: the administration reads them. */
  readObjections: [...STAFF, ADMIN],
  publishNotice: [OFFICER],
  decideObjections: [OFFICER, APPROVER],
  readCalendar: EVERYONE,
  keepCalendar: [ADMIN],
  /** Designations, the cultivation pool, targets, activities and progress. */
  readMeasures: [...STAFF, ADMIN, ...MEASURES],
  /** Designation kinds, pools and yearly targets: catalog data. */
  keepMeasures: [ADMIN],
  recordDesignations: [ADMIN],
  /** Activities against targets, and firms entering, monitored in and leaving the cultivation pool. */
  recordActivities: [UNIT],
} satisfies Record<string, Role[]>;

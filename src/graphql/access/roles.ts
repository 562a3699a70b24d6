/** Who may call what: the role lists every `@Authorized(...)` names, kept in one place. */
import { Role } from '../auth/role.js';

const { APPLICANT, OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR, ADMIN, SUPERVISOR, UNIT } = Role;

/** Everyone who works on grants inside the administration. */
const STAFF = [OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR];

/** Who follows the policy's measures without handling grants: the supervising office (督办) and the units. */
const MEASURES = [SUPERVISOR, UNIT];

export const MAY = {
  readCatalog: [APPLICANT, ...STAFF, ADMIN, ...MEASURES],
  readEnterprises: [APPLICANT, ...STAFF, ADMIN, ...MEASURES],
  /** Applications, balances and payments: an applicant sees its own only. */
  readCases: [APPLICANT, ...STAFF],
  readBudgets: [APPROVER, TREASURY, FINANCE, AUDITOR],
  reconcile: [FINANCE, AUDITOR],
  readRawEvents: [AUDITOR],
  keepRegister: [ADMIN],
  keepCatalog: [ADMIN],
  manageBudgets: [FINANCE],
  apply: [APPLICANT],
  review: [OFFICER],
  decide: [APPROVER],
  pay: [TREASURY],
  /** Designations, the cultivation pool, targets, activities and progress. */
  readMeasures: [...STAFF, ADMIN, ...MEASURES],
  /** Designation kinds, pools and yearly targets: catalog data. */
  keepMeasures: [ADMIN],
  recordDesignations: [ADMIN],
  /** Activities against targets, and firms entering, monitored in and leaving the cultivation pool. */
  recordActivities: [UNIT],
} satisfies Record<string, Role[]>;

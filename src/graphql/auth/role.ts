/** The roles of the ledger's users, carried in the token's `role` claim. */
import { registerEnumType } from 'type-graphql';

export enum Role {
  /** An enterprise applying for support (申请企业); bound to one credit code. */
  APPLICANT = 'APPLICANT',
  /** A case officer who reviews applications (经办). */
  OFFICER = 'OFFICER',
  /** Approves and rejects applications and demands clawbacks (审批). */
  APPROVER = 'APPROVER',
  /** Records disbursements and repayments (国库支付). */
  TREASURY = 'TREASURY',
  /** Allocates budgets and reconciles (财政局). */
  FINANCE = 'FINANCE',
  /** Reads everything, raw events included; writes nothing (审计). */
  AUDITOR = 'AUDITOR',
  /** Keeps the policy catalog and the enterprise register. */
  ADMIN = 'ADMIN',
  /** The supervising office (督办): reads everything about the policy's measures, writes nothing. */
  SUPERVISOR = 'SUPERVISOR',
  /** A lead or cooperating unit (牵头/配合单位): records activities against targets, and the cultivation pool. */
  UNIT = 'UNIT',
}

export const ALL_ROLES = Object.values(Role);

export const isRole = (value: unknown): value is Role => ALL_ROLES.includes(value as Role);

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do in the ledger.',
  valuesConfig: {
    APPLICANT: { description: 'An enterprise applying for support (申请企业); sees and acts on its own data only.' },
    OFFICER: { description: 'A case officer who reviews applications.' },
    APPROVER: { description: 'Approves and rejects applications and demands clawbacks.' },
    TREASURY: { description: 'Records disbursements and clawback repayments.' },
    FINANCE: { description: 'Allocates budgets and reconciles the figures (财政局).' },
    AUDITOR: { description: 'Reads everything, raw events included; writes nothing (审计).' },
    ADMIN: { description: 'Keeps the policy catalog and the enterprise register.' },
    SUPERVISOR: { description: 'The supervising office (督办): reads everything about the measures (designations, the cultivation pool, targets, activities), writes nothing.' },
    UNIT: { description: 'A lead or cooperating unit (牵头/配合单位): records activities against yearly targets, and firms entering, monitored in and leaving the cultivation pool.' },
  },
});

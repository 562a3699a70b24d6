/**
 * Application list (申请列表) for the case officers' console and the applicant portal: each
 * application's status, amounts and dates, and each approval attempt (审批) with its outcome.
 *
 * Status: submitted → reviewed → approving (an approval in flight, the application locked) →
 * approved; approving falls back to submitted or reviewed when the approval is abandoned;
 * rejected and withdrawn end it.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, type Table, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { GRANT_BOOKING_COLUMNS, type GrantBooking } from '../grant-booking.js';
import { applicationListReplay } from './replay.js';

export type ApplicationStatus = 'submitted' | 'reviewed' | 'approving' | 'approved' | 'rejected' | 'withdrawn';

export interface ApplicationRow extends GrantBooking {
  county: string;
  factKind: string;
  factReference: string;
  status: ApplicationStatus;
  requestedFen: Fen;
  approvedFen: Fen | null;
  disbursedFen: Fen;
  clawbackDemandedFen: Fen;
  recoveredFen: Fen;
  waivedFen: Fen;
  submittedBy: string;
  submittedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  /** The approval in flight or the one that approved it. */
  approvalId: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** 文号 of the approval. */
  approvalDocumentRef: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'abandoned';

export interface ApprovalRow {
  approvalId: string;
  applicationId: string;
  amountFen: Fen;
  approvedBy: string;
  /** 文号 the approval cites. */
  documentRef: string | null;
  status: ApprovalStatus;
  startedAt: string;
  approvedAt: string | null;
  abandonedAt: string | null;
  abandonCode: string | null;
  abandonReason: string | null;
  /** Reservations (fact claim, entitlement, budget commitment) taken and not given back. */
  reservationsHeld: number;
}

/** A reservation of an approval taken (+1) or given back (−1). */
const holding =
  (change: 1 | -1) =>
  ({ approvals }: { approvals: Table<ApprovalRow> }, { data }: { data: { approvalId: string } }) => {
    approvals.change(data.approvalId).reservationsHeld += change;
  };

export const applicationList = defineProjection({
  name: 'application-list',
  // 4: indexes that count every filter the consoles combine (fiscal year alone, line and status).
  version: 4,
  tables: {
    applications: tableSpec<ApplicationRow>({
      columns: {
        ...GRANT_BOOKING_COLUMNS,
        county: column.text,
        factKind: column.text,
        factReference: column.text,
        status: column.text,
        requestedFen: column.integer,
        approvedFen: column.optionalInteger,
        disbursedFen: column.integer,
        clawbackDemandedFen: column.integer,
        recoveredFen: column.integer,
        waivedFen: column.integer,
        submittedBy: column.text,
        submittedAt: column.text,
        reviewedBy: column.optionalText,
        reviewedAt: column.optionalText,
        approvalId: column.optionalText,
        approvedBy: column.optionalText,
        approvedAt: column.optionalText,
        approvalDocumentRef: column.optionalText,
        rejectedBy: column.optionalText,
        rejectedAt: column.optionalText,
        rejectionReason: column.optionalText,
        withdrawnBy: column.optionalText,
        withdrawnAt: column.optionalText,
        updatedAt: column.text,
      },
      primaryKey: ['applicationId'],
      // A list's count reads one of these alone for every filter the API allows (query-plans.int.spec.ts).
      indexes: ['status, submitted_at', 'line_code, fiscal_year, status', 'county', 'fiscal_year, county', 'credit_code', 'submitted_at'],
    }),
    approvals: tableSpec<ApprovalRow>({
      columns: {
        approvalId: column.text,
        applicationId: column.text,
        amountFen: column.integer,
        approvedBy: column.text,
        documentRef: column.optionalText,
        status: column.text,
        startedAt: column.text,
        approvedAt: column.optionalText,
        abandonedAt: column.optionalText,
        abandonCode: column.optionalText,
        abandonReason: column.optionalText,
        reservationsHeld: column.integer,
      },
      primaryKey: ['approvalId'],
      // The sweep's look-up: approvals pending, or abandoned still holding.
      indexes: ['application_id', 'status, reservations_held'],
    }),
  },
  handlers: {
    // Rows are built field by field: a spread into a wide literal gives V8 a slow, dictionary-like
    // object, and that alone made this projection's rebuild half as fast again.
    ApplicationSubmitted: ({ applications }, { data }) =>
      applications.insert({
        applicationId: data.applicationId,
        creditCode: data.creditCode,
        lineCode: data.lineCode,
        fiscalYear: data.fiscalYear,
        payer: data.payer,
        budgetLineId: data.budgetLineId,
        county: data.county,
        requestedFen: data.requestedFen,
        submittedBy: data.submittedBy,
        submittedAt: data.submittedAt,
        factKind: data.qualifyingFact.kind,
        factReference: data.qualifyingFact.reference,
        status: 'submitted',
        approvedFen: null,
        disbursedFen: 0,
        clawbackDemandedFen: 0,
        recoveredFen: 0,
        waivedFen: 0,
        reviewedBy: null,
        reviewedAt: null,
        approvalId: null,
        approvedBy: null,
        approvedAt: null,
        approvalDocumentRef: null,
        rejectedBy: null,
        rejectedAt: null,
        rejectionReason: null,
        withdrawnBy: null,
        withdrawnAt: null,
        updatedAt: data.submittedAt,
      }),
    ApplicationReviewed: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.status = 'reviewed';
      a.reviewedBy = data.reviewedBy;
      a.reviewedAt = a.updatedAt = data.reviewedAt;
    },
    ApprovalStarted: ({ applications, approvals }, { data, metadata }) => {
      approvals.insert({
        approvalId: data.approvalId,
        applicationId: data.applicationId,
        amountFen: data.amountFen,
        approvedBy: data.approvedBy,
        documentRef: metadata.documentRef ?? null,
        status: 'pending',
        startedAt: data.startedAt,
        approvedAt: null,
        abandonedAt: null,
        abandonCode: null,
        abandonReason: null,
        reservationsHeld: 0,
      });
      const a = applications.change(data.applicationId);
      a.status = 'approving';
      a.approvalId = data.approvalId;
      a.updatedAt = data.startedAt;
    },
    ApplicationApproved: ({ applications, approvals }, { data, metadata }) => {
      const approval = approvals.change(data.approvalId);
      approval.status = 'approved';
      approval.approvedAt = data.approvedAt;
      approval.documentRef = metadata.documentRef ?? approval.documentRef;
      const a = applications.change(data.applicationId);
      a.status = 'approved';
      a.approvedFen = data.amountFen;
      a.approvedBy = data.approvedBy;
      a.approvedAt = a.updatedAt = data.approvedAt;
      a.approvalDocumentRef = approval.documentRef;
    },
    ApprovalAbandoned: ({ applications, approvals }, { data }) => {
      const approval = approvals.change(data.approvalId);
      approval.status = 'abandoned';
      approval.abandonedAt = data.abandonedAt;
      approval.abandonCode = data.code;
      approval.abandonReason = data.reason;
      const a = applications.change(data.applicationId);
      a.status = a.reviewedAt === null ? 'submitted' : 'reviewed';
      a.approvalId = null;
      a.updatedAt = data.abandonedAt;
    },
    // An abandoned approval still holding a reservation had its compensation cut off: the sweep finishes it.
    FactClaimed: holding(+1),
    EntitlementReserved: holding(+1),
    BudgetCommitted: holding(+1),
    FactClaimReleased: holding(-1),
    EntitlementReleased: holding(-1),
    BudgetReleased: holding(-1),
    ApplicationRejected: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.status = 'rejected';
      a.rejectedBy = data.rejectedBy;
      a.rejectionReason = data.reason;
      a.rejectedAt = a.updatedAt = data.rejectedAt;
    },
    ApplicationWithdrawn: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.status = 'withdrawn';
      a.withdrawnBy = data.withdrawnBy;
      a.withdrawnAt = a.updatedAt = data.withdrawnAt;
    },
    DisbursementRecorded: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.disbursedFen += data.amountFen;
      a.updatedAt = data.recordedAt;
    },
    ClawbackDemanded: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.clawbackDemandedFen += data.amountFen;
      a.updatedAt = data.demandedAt;
    },
    ClawbackRepaid: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.recoveredFen += data.amountFen;
      a.updatedAt = data.recordedAt;
    },
    ClawbackWaived: ({ applications }, { data }) => {
      const a = applications.change(data.applicationId);
      a.waivedFen += data.amountFen;
      a.updatedAt = data.waivedAt;
    },
  },
  replay: applicationListReplay,
});

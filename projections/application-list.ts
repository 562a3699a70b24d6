/**
 * Application list (申请列表) for the case officers' console and the applicant portal: each
 * application's status, amounts and dates, and each approval attempt (审批) with its outcome.
 *
 * Status: submitted → reviewed → approving (an approval in flight, the application locked) →
 * approved; approving falls back to submitted or reviewed when the approval is abandoned;
 * rejected and withdrawn end it.
 */
import { defineProjection } from '../src/readmodel/projection.js';
import { tableSpec } from '../src/readmodel/table.js';
import type { Fen } from '../src/shared/money.js';

export type ApplicationStatus = 'submitted' | 'reviewed' | 'approving' | 'approved' | 'rejected' | 'withdrawn';

export interface ApplicationRow {
  applicationId: string;
  creditCode: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  budgetLineId: string;
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
}

const text = 'TEXT NOT NULL';
const optionalText = 'TEXT';
const fen = 'INTEGER NOT NULL';

export const applicationList = defineProjection({
  name: 'application-list',
  version: 2,
  tables: {
    applications: tableSpec<ApplicationRow>({
      columns: {
        applicationId: text,
        creditCode: text,
        lineCode: text,
        fiscalYear: 'INTEGER NOT NULL',
        payer: text,
        budgetLineId: text,
        county: text,
        factKind: text,
        factReference: text,
        status: text,
        requestedFen: fen,
        approvedFen: 'INTEGER',
        disbursedFen: fen,
        clawbackDemandedFen: fen,
        recoveredFen: fen,
        waivedFen: fen,
        submittedBy: text,
        submittedAt: text,
        reviewedBy: optionalText,
        reviewedAt: optionalText,
        approvalId: optionalText,
        approvedBy: optionalText,
        approvedAt: optionalText,
        approvalDocumentRef: optionalText,
        rejectedBy: optionalText,
        rejectedAt: optionalText,
        rejectionReason: optionalText,
        withdrawnBy: optionalText,
        withdrawnAt: optionalText,
        updatedAt: text,
      },
      primaryKey: ['applicationId'],
      indexes: ['status, submitted_at', 'line_code, fiscal_year', 'county', 'credit_code', 'submitted_at'],
    }),
    approvals: tableSpec<ApprovalRow>({
      columns: {
        approvalId: text,
        applicationId: text,
        amountFen: fen,
        approvedBy: text,
        documentRef: optionalText,
        status: text,
        startedAt: text,
        approvedAt: optionalText,
        abandonedAt: optionalText,
        abandonCode: optionalText,
        abandonReason: optionalText,
      },
      primaryKey: ['approvalId'],
      indexes: ['application_id'],
    }),
  },
  handlers: {
    // Rows are built field by field: spreading an event into a wide row is slow in V8.
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
});

/**
 * Disbursement history (拨付明细): one row per payment, with the enterprise, benefit line,
 * payer, county, application, the approval behind it (who, when, 文号), the amount, value date,
 * payment reference and who recorded it: what auditors filter and total.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { GRANT_BOOKING_COLUMNS, type GrantBooking } from '../grant-booking.js';
import { disbursementHistoryReplay } from './replay.js';

/** Private: each application's parties and its approval, copied onto its payments. */
interface PayeeRow {
  applicationId: string;
  creditCode: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  county: string;
  approvalId: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  approvalDocumentRef: string | null;
}

export interface DisbursementRow extends GrantBooking {
  disbursementId: string;
  county: string;
  approvalId: string;
  approvedBy: string;
  approvedAt: string;
  /** 文号 of the approval. */
  approvalDocumentRef: string | null;
  amountFen: Fen;
  /** Value date (ISO date). */
  paidOn: string;
  paymentReference: string;
  recordedBy: string;
  recordedAt: string;
  eventId: string;
  position: string;
}

export const disbursementHistory = defineProjection({
  name: 'disbursement-history',
  // 2: the indexes cover the auditors' totals (amount_fen in each) and lead with the filters they combine.
  version: 2,
  tables: {
    disbursements: tableSpec<DisbursementRow>({
      columns: {
        disbursementId: column.text,
        ...GRANT_BOOKING_COLUMNS,
        county: column.text,
        approvalId: column.text,
        approvedBy: column.text,
        approvedAt: column.text,
        approvalDocumentRef: column.optionalText,
        amountFen: column.integer,
        paidOn: column.text,
        paymentReference: column.text,
        recordedBy: column.text,
        recordedAt: column.text,
        eventId: column.text,
        position: column.text,
      },
      primaryKey: ['disbursementId'],
      // Each filter the auditors send leads an index that ends with amount_fen, so a page's count
      // and sum over the filter read the index alone (test/readmodel/query-plans.int.spec.ts);
      // paid_on after the equality columns gives the page its order.
      indexes: [
        'paid_on, amount_fen',
        'credit_code, fiscal_year, paid_on, amount_fen',
        'line_code, fiscal_year, paid_on, amount_fen',
        'payer, fiscal_year, paid_on, amount_fen',
        'county, fiscal_year, paid_on, amount_fen',
        'fiscal_year, paid_on, amount_fen',
        'amount_fen',
        'approved_by, amount_fen',
        'application_id, amount_fen',
      ],
    }),
    dhPayees: tableSpec<PayeeRow>({
      columns: {
        applicationId: column.text,
        creditCode: column.text,
        lineCode: column.text,
        fiscalYear: column.integer,
        payer: column.text,
        county: column.text,
        approvalId: column.optionalText,
        approvedBy: column.optionalText,
        approvedAt: column.optionalText,
        approvalDocumentRef: column.optionalText,
      },
      primaryKey: ['applicationId'],
    }),
  },
  handlers: {
    ApplicationSubmitted: ({ dhPayees }, { data }) => {
      dhPayees.insert({
        applicationId: data.applicationId,
        creditCode: data.creditCode,
        lineCode: data.lineCode,
        fiscalYear: data.fiscalYear,
        payer: data.payer,
        county: data.county,
        approvalId: null,
        approvedBy: null,
        approvedAt: null,
        approvalDocumentRef: null,
      });
    },
    ApprovalStarted: ({ dhPayees }, { data, metadata }) => {
      dhPayees.change(data.applicationId).approvalDocumentRef = metadata.documentRef ?? null;
    },
    ApplicationApproved: ({ dhPayees }, { data, metadata }) => {
      const payee = dhPayees.change(data.applicationId);
      payee.approvalId = data.approvalId;
      payee.approvedBy = data.approvedBy;
      payee.approvedAt = data.approvedAt;
      payee.approvalDocumentRef = metadata.documentRef ?? payee.approvalDocumentRef;
    },
    DisbursementRecorded: ({ dhPayees, disbursements }, { data, id, position }) => {
      const payee = dhPayees.get(data.applicationId);
      const { approvalId, approvedBy, approvedAt } = payee;
      if (!approvalId || !approvedBy || !approvedAt) throw new Error(`application ${data.applicationId} was paid before it was approved`);
      disbursements.insert({
        disbursementId: data.disbursementId,
        applicationId: data.applicationId,
        creditCode: payee.creditCode,
        lineCode: payee.lineCode,
        fiscalYear: payee.fiscalYear,
        payer: payee.payer,
        budgetLineId: data.budgetLineId,
        county: payee.county,
        approvalId,
        approvedBy,
        approvedAt,
        approvalDocumentRef: payee.approvalDocumentRef,
        amountFen: data.amountFen,
        paidOn: data.paidOn,
        paymentReference: data.paymentReference,
        recordedBy: data.recordedBy,
        recordedAt: data.recordedAt,
        eventId: id,
        position,
      });
    },
  },
  replay: disbursementHistoryReplay,
});

/**
 * What the replay must give for the disbursement history (拨付明细): each payment with the
 * application's parties and the approval that awarded it (who, when, 文号).
 */
import type { EventData } from '../../src/events.js';
import { defineReplay, mapValues, named, notCompared, type Figures, type Fold } from '../../src/readmodel/replay.js';

interface Payee {
  creditCode: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  county: string;
  approvalId: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

interface Payments {
  payees: Map<string, Payee>;
  /** 文号 each approval cites: the one it started with, or the one it was approved with. */
  refs: Map<string, string | null>;
  payments: Map<string, Figures>;
}

const payee = (s: Payments, id: string) => named(s.payees, id, 'application', 'submitted');

function payment(s: Payments, d: EventData<'DisbursementRecorded'>): Figures {
  const p = payee(s, d.applicationId);
  return {
    application_id: d.applicationId,
    credit_code: p.creditCode,
    line_code: p.lineCode,
    fiscal_year: p.fiscalYear,
    payer: p.payer,
    budget_line_id: d.budgetLineId,
    county: p.county,
    approval_id: p.approvalId,
    approved_by: p.approvedBy,
    approved_at: p.approvedAt,
    approval_document_ref: p.approvalId && (s.refs.get(p.approvalId) ?? null),
    amount_fen: d.amountFen,
    paid_on: d.paidOn,
    payment_reference: d.paymentReference,
    recorded_by: d.recordedBy,
  };
}

const payments: Fold<Payments> = {
  initial: () => ({ payees: new Map(), refs: new Map(), payments: new Map() }),
  apply(s, event, documentRef) {
    switch (event.type) {
      case 'ApplicationSubmitted': {
        const { creditCode, lineCode, fiscalYear, payer, county } = event.data;
        s.payees.set(event.data.applicationId, { creditCode, lineCode, fiscalYear, payer, county, approvalId: null, approvedBy: null, approvedAt: null });
        return;
      }
      case 'ApprovalStarted':
        s.refs.set(event.data.approvalId, documentRef ?? null);
        return;
      case 'ApplicationApproved': {
        const { applicationId, approvalId, approvedBy, approvedAt } = event.data;
        Object.assign(payee(s, applicationId), { approvalId, approvedBy, approvedAt });
        if (documentRef) s.refs.set(approvalId, documentRef);
        return;
      }
      case 'DisbursementRecorded':
        s.payments.set(event.data.disbursementId, payment(s, event.data));
        return;
      default:
        return;
    }
  },
};

export const disbursementHistoryReplay = defineReplay({
  folds: { payments },
  tables: {
    disbursements: {
      key: 'disbursement_id',
      columns: [
        'application_id', 'credit_code', 'line_code', 'fiscal_year', 'payer', 'budget_line_id', 'county',
        'approval_id', 'approved_by', 'approved_at', 'approval_document_ref', 'amount_fen', 'paid_on', 'payment_reference', 'recorded_by',
      ],
      rows: ({ payments }) => mapValues(payments.payments, (p) => ({ ...p })),
    },
    dhPayees: notCompared('working table: what a payment copies from its application, read by the handlers only; the payments are compared'),
  },
});

/**
 * What the replay must give for the disbursement history (拨付明细): each payment with the
 * application's parties and the approval that awarded it (who, when, 文号).
 */
import type { EventData } from '../../src/events.js';
import { defineReplay, mapValues, named, notCompared, type Figures, type Fold } from '../../src/readmodel/replay.js';

/** An application's parties, fixed at submission, and the approval that awarded it, if one has. */
interface Payee {
  booking: Pick<EventData<'ApplicationSubmitted'>, 'creditCode' | 'lineCode' | 'fiscalYear' | 'payer' | 'county'>;
  approval: Pick<EventData<'ApplicationApproved'>, 'approvalId' | 'approvedBy' | 'approvedAt'> | null;
}

interface Payments {
  payees: Map<string, Payee>;
  /** 文号 each approval cites: the one it started with, or the one it was approved with. */
  refs: Map<string, string | null>;
  payments: Map<string, Figures>;
}

const payee = (s: Payments, id: string) => named(s.payees, id, 'application', 'submitted');

function payment(s: Payments, d: EventData<'DisbursementRecorded'>): Figures {
  const { booking, approval } = payee(s, d.applicationId);
  return {
    application_id: d.applicationId,
    credit_code: booking.creditCode,
    line_code: booking.lineCode,
    fiscal_year: booking.fiscalYear,
    payer: booking.payer,
    budget_line_id: d.budgetLineId,
    county: booking.county,
    approval_id: approval?.approvalId ?? null,
    approved_by: approval?.approvedBy ?? null,
    approved_at: approval?.approvedAt ?? null,
    approval_document_ref: approval ? (s.refs.get(approval.approvalId) ?? null) : null,
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
        s.payees.set(event.data.applicationId, { booking: { creditCode, lineCode, fiscalYear, payer, county }, approval: null });
        return;
      }
      case 'ApprovalStarted':
        s.refs.set(event.data.approvalId, documentRef ?? null);
        return;
      case 'ApplicationApproved': {
        const { applicationId, approvalId, approvedBy, approvedAt } = event.data;
        payee(s, applicationId).approval = { approvalId, approvedBy, approvedAt };
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

/**
 * What the replay must give for the application list (申请列表): each application's booking,
 * status and amounts, and each approval attempt (审批) with its outcome.
 */
import type { EventData } from '../../src/events.js';
import { defineReplay, mapValues, named, type Fold } from '../../src/readmodel/replay.js';
import type { Fen } from '../../src/shared/money.js';

/** Where the application's money is booked and its county, fixed at submission; its status and sums. */
export interface Application extends Pick<EventData<'ApplicationSubmitted'>, 'creditCode' | 'lineCode' | 'fiscalYear' | 'payer' | 'budgetLineId' | 'county'> {
  status: string;
  reviewed: boolean;
  requested: Fen;
  approved: Fen | null;
  disbursed: Fen;
  demanded: Fen;
  recovered: Fen;
  waived: Fen;
}

export interface Applications {
  applications: Map<string, Application>;
  approvals: Map<string, { applicationId: string; amount: Fen; status: string }>;
}

const application = (s: Applications, id: string) => named(s.applications, id, 'application', 'submitted');

function submit({ applications }: Applications, d: EventData<'ApplicationSubmitted'>) {
  const { creditCode, lineCode, fiscalYear, payer, budgetLineId, county } = d;
  applications.set(d.applicationId, {
    creditCode,
    lineCode,
    fiscalYear,
    payer,
    budgetLineId,
    county,
    status: 'submitted',
    reviewed: false,
    requested: d.requestedFen,
    approved: null,
    disbursed: 0,
    demanded: 0,
    recovered: 0,
    waived: 0,
  });
}

/** The running sum of an application each money event adds its amount to. */
const SUMS = { DisbursementRecorded: 'disbursed', ClawbackDemanded: 'demanded', ClawbackRepaid: 'recovered', ClawbackWaived: 'waived' } as const;

/** Applications and approval attempts; the enterprise balance reads it too. */
export const applications: Fold<Applications> = {
  initial: () => ({ applications: new Map(), approvals: new Map() }),
  apply(s, event) {
    switch (event.type) {
      case 'ApplicationSubmitted':
        return submit(s, event.data);
      case 'ApplicationReviewed':
        Object.assign(application(s, event.data.applicationId), { status: 'reviewed', reviewed: true });
        return;
      case 'ApprovalStarted':
        application(s, event.data.applicationId).status = 'approving';
        s.approvals.set(event.data.approvalId, { applicationId: event.data.applicationId, amount: event.data.amountFen, status: 'pending' });
        return;
      case 'ApplicationApproved':
        Object.assign(application(s, event.data.applicationId), { status: 'approved', approved: event.data.amountFen });
        s.approvals.get(event.data.approvalId)!.status = 'approved';
        return;
      case 'ApprovalAbandoned': {
        const a = application(s, event.data.applicationId);
        a.status = a.reviewed ? 'reviewed' : 'submitted';
        s.approvals.get(event.data.approvalId)!.status = 'abandoned';
        return;
      }
      case 'ApplicationRejected':
        application(s, event.data.applicationId).status = 'rejected';
        return;
      case 'ApplicationWithdrawn':
        application(s, event.data.applicationId).status = 'withdrawn';
        return;
      case 'DisbursementRecorded':
      case 'ClawbackDemanded':
      case 'ClawbackRepaid':
      case 'ClawbackWaived':
        application(s, event.data.applicationId)[SUMS[event.type]] += event.data.amountFen;
        return;
      default:
        return;
    }
  },
};

export const applicationListReplay = defineReplay({
  folds: { applications },
  tables: {
    applications: {
      key: 'application_id',
      // The booking too: filters and totals by firm, line, year, payer and county depend on it.
      columns: ['credit_code', 'line_code', 'fiscal_year', 'payer', 'budget_line_id', 'county', 'status', 'requested_fen', 'approved_fen', 'disbursed_fen', 'clawback_demanded_fen', 'recovered_fen', 'waived_fen'],
      rows: ({ applications }) =>
        mapValues(applications.applications, (a) => ({
          credit_code: a.creditCode,
          line_code: a.lineCode,
          fiscal_year: a.fiscalYear,
          payer: a.payer,
          budget_line_id: a.budgetLineId,
          county: a.county,
          status: a.status,
          requested_fen: a.requested,
          approved_fen: a.approved,
          disbursed_fen: a.disbursed,
          clawback_demanded_fen: a.demanded,
          recovered_fen: a.recovered,
          waived_fen: a.waived,
        })),
    },
    approvals: {
      key: 'approval_id',
      columns: ['application_id', 'amount_fen', 'status'],
      rows: ({ applications }) => mapValues(applications.approvals, (a) => ({ application_id: a.applicationId, amount_fen: a.amount, status: a.status })),
    },
  },
});

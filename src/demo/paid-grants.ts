/**
 * Bulk data for load tests and benchmarks: many small per-case grants over a set of firms,
 * each approved and paid in tranches, written through the ledger facade like any other data.
 */
import type { Position } from '../eventstore/port.js';
import type { CommandContext, Ledger } from '../ledger.js';
import { demoCreditCode } from './enterprises.js';

export interface PaidGrantsOptions {
  grants: number;
  tranchesPerGrant: number;
  firms: number;
  fiscalYear: number;
  /** Keeps several runs apart (idempotency keys, firms, qualifying facts). */
  tag: string;
}

const LINES = ['innovation-voucher', 'sme-special-fund'];
const GRANT_FEN = 2_000_000;

const by = (actorId: string, idempotencyKey: string): CommandContext => ({
  actorId,
  actorRole: actorId.split('-')[0]!.toUpperCase(),
  idempotencyKey,
});

/** Writes `grants × tranchesPerGrant` disbursements; returns the last position written. */
export async function loadPaidGrants(ledger: Ledger, o: PaidGrantsOptions): Promise<Position> {
  const firm = (i: number) => demoCreditCode('changge', 600 + (i % o.firms));
  const key = (what: string) => `${o.tag}:${what}`;
  for (let f = 0; f < o.firms; f++) {
    await ledger.registerEnterprise({ creditCode: firm(f), name: `长葛市批量企业${f + 1}号有限公司`, county: 'changge', kind: 'enterprise' }, by('admin-bulk', key(`firm-${f}`)));
  }
  for (const lineCode of LINES) {
    const amountFen = GRANT_FEN * o.grants;
    await ledger.allocateBudget({ lineCode, fiscalYear: o.fiscalYear, payer: 'municipal', amountFen }, by('finance-bulk', key(`budget-${lineCode}`)));
  }
  let position: Position = '';
  for (let g = 0; g < o.grants; g++) {
    const creditCode = firm(g);
    const lineCode = LINES[g % LINES.length]!;
    const submission = { creditCode, lineCode, fiscalYear: o.fiscalYear, qualifyingFact: { kind: 'project', reference: key(`P-${g}`) }, requestedFen: GRANT_FEN, evidence: {} };
    const { applicationId } = await ledger.submitApplication(submission, by(`applicant-${creditCode}`, key(`submit-${g}`)));
    await ledger.reviewApplication({ applicationId, opinion: '同意' }, by('officer-bulk', key(`review-${g}`)));
    await ledger.approveApplication({ applicationId, amountFen: GRANT_FEN }, by(`approver-${g % 3}`, key(`approve-${g}`)));
    for (let t = 0; t < o.tranchesPerGrant; t++) {
      const amountFen = GRANT_FEN / o.tranchesPerGrant;
      const paidOn = `${o.fiscalYear}-${String((t % 12) + 1).padStart(2, '0')}-${String((g % 28) + 1).padStart(2, '0')}`;
      const payment = { applicationId, amountFen, paidOn, paymentReference: key(`GK-${g}-${t}`) };
      ({ position } = await ledger.recordDisbursement(payment, by('treasury-bulk', key(`pay-${g}-${t}`))));
    }
  }
  return position;
}

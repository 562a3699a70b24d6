/**
 * The demo's closed year: fiscal year 2024, closed (结账) by Finance with four eyes. Its
 * innovation-voucher line of ¥1,200,000 paid ¥900,000 and carried ¥100,000 over (结转) to 2025,
 * where it was paid, leaving ¥200,000 surplus (结余); on the small/micro special fund, an unpaid
 * ¥200,000 grant lapsed by the preparer's choice. Loaded after the 2025 budgets, which it carries into.
 */
import type { Ledger } from '../ledger.js';
import type { Position } from '../eventstore/port.js';
import type { Fen } from '../shared/money.js';
import { DEMO_ENTERPRISES } from './enterprises.js';

export const CLOSED_YEAR = 2024;

const yuan = (amount: number): Fen => amount * 100;

/** Who closes it: one person of Finance prepares, another confirms. */
export const CLOSING_FINANCE = { preparer: 'finance-chen', confirmer: 'finance-liu' } as const;

interface ClosedYearGrant {
  key: string;
  firm: number;
  lineCode: string;
  fact: { kind: string; reference: string };
  approvedFen: Fen;
  /** Paid within the closed year. */
  paidFen?: Fen;
  disposition: 'carry' | 'lapse';
}

const BUDGETS = [
  { lineCode: 'innovation-voucher', amountFen: yuan(1_200_000) },
  { lineCode: 'sme-special-fund', amountFen: yuan(500_000) },
];

/** The grants of the closed year, approved (and some paid) before its close. */
export const CLOSED_YEAR_GRANTS: ClosedYearGrant[] = [
  { key: 'voucher-2024-paid', firm: 12, lineCode: 'innovation-voucher', fact: { kind: 'technology-transfer-contract', reference: 'JS2024-0305' }, approvedFen: yuan(900_000), paidFen: yuan(900_000), disposition: 'carry' },
  { key: 'voucher-2024-carried', firm: 13, lineCode: 'innovation-voucher', fact: { kind: 'technology-transfer-contract', reference: 'JS2024-1108' }, approvedFen: yuan(100_000), disposition: 'carry' },
  { key: 'fund-2024-lapsed', firm: 16, lineCode: 'sme-special-fund', fact: { kind: 'makerspace-project', reference: 'ZX-2024-WD-07' }, approvedFen: yuan(200_000), disposition: 'lapse' },
];

type Act = (role: string, key: string, actorId?: string) => { actorId: string; actorRole: string; idempotencyKey: string };

/** Loads the closed year; `act` words each command as the demo's people. Returns the last position written. */
export async function loadClosedYear(ledger: Ledger, act: Act, applicant: (creditCode: string) => string): Promise<Position> {
  const positions: Position[] = [];
  const track = <R extends { position: Position }>(r: R) => (positions.push(r.position), r);
  for (const b of BUDGETS) track(await ledger.allocateBudget({ ...b, fiscalYear: CLOSED_YEAR, payer: 'municipal' }, act('FINANCE', `${CLOSED_YEAR}:budget:${b.lineCode}`)));
  const approvals: Record<string, 'carry' | 'lapse'> = {};
  const carried: { applicationId: string; amountFen: Fen }[] = [];
  for (const g of CLOSED_YEAR_GRANTS) {
    const creditCode = DEMO_ENTERPRISES[g.firm]!.creditCode;
    const submission = { creditCode, lineCode: g.lineCode, fiscalYear: CLOSED_YEAR, qualifyingFact: g.fact, requestedFen: g.approvedFen, evidence: {} };
    const { applicationId } = track(await ledger.submitApplication(submission, act('APPLICANT', `${g.key}:submit`, applicant(creditCode))));
    track(await ledger.reviewApplication({ applicationId, opinion: '材料齐全，符合申报条件' }, act('OFFICER', `${g.key}:review`)));
    const { approvalId } = track(await ledger.approveApplication({ applicationId, amountFen: g.approvedFen }, act('APPROVER', `${g.key}:approve`)));
    if (g.paidFen) {
      const payment = { applicationId, amountFen: g.paidFen, paidOn: `${CLOSED_YEAR}-09-15`, paymentReference: `GK${CLOSED_YEAR}-${g.key}` };
      track(await ledger.recordDisbursement(payment, act('TREASURY', `${g.key}:pay`)));
    } else {
      approvals[approvalId] = g.disposition;
      if (g.disposition === 'carry') carried.push({ applicationId, amountFen: g.approvedFen });
    }
  }
  const prepare = { fiscalYear: CLOSED_YEAR, choices: { lineRules: {}, approvals } };
  track(await ledger.prepareFiscalYearClose(prepare, act('FINANCE', `${CLOSED_YEAR}:close:prepare`, CLOSING_FINANCE.preparer)));
  track(await ledger.confirmFiscalYearClose({ fiscalYear: CLOSED_YEAR }, act('FINANCE', `${CLOSED_YEAR}:close:confirm`, CLOSING_FINANCE.confirmer)));
  for (const { applicationId, amountFen } of carried) {
    const payment = { applicationId, amountFen, paidOn: `${CLOSED_YEAR + 1}-03-15`, paymentReference: `GK${CLOSED_YEAR + 1}-carried-${applicationId.slice(0, 8)}` };
    track(await ledger.recordDisbursement(payment, act('TREASURY', `${CLOSED_YEAR}:carried:${applicationId}:pay`)));
  }
  return positions.sort().at(-1)!;
}

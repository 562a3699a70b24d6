/**
 * bench:scale's command figures: grant lifecycles (submit, review, approve, pay, each with its
 * idempotency key) through the ledger on top of the loaded history, by firms of that history:
 * their entitlement streams, the catalog and the command side's caches are the history's.
 */
import type { LedgerApp } from '../src/app.js';
import type { CommandContext } from '../src/ledger.js';
import { timed } from './support.js';

const GRANT_FEN = 1_000_000;
const COMMANDS_PER_LIFECYCLE = 4;
/**
 * Budget lines of years after the history (it covers 2016 to 2019 at most): two per-case lines
 * of six years, twelve streams, so that concurrent approvals spread as a city office's do
 * rather than all race for one budget line.
 */
const BUDGET_LINES = ['innovation-voucher', 'sme-special-fund'].flatMap((lineCode) => [2020, 2021, 2022, 2023, 2024, 2025].map((fiscalYear) => ({ lineCode, fiscalYear })));
type BudgetLine = (typeof BUDGET_LINES)[number];

let key = 0;
const as = (actorId: string, actorRole: string): CommandContext => ({ actorId, actorRole, idempotencyKey: `scale-bench-${++key}` });

export interface CommandRate {
  clients: number;
  lifecycles: number;
  commandsPerSecond: number;
}

/** Budgets the history never touched, enough for every lifecycle on each. */
export async function fundBudgets(app: LedgerApp, lifecycles: number): Promise<void> {
  for (const line of BUDGET_LINES) {
    await app.ledger.allocateBudget({ ...line, payer: 'municipal', amountFen: lifecycles * GRANT_FEN }, as('finance-bench', 'FINANCE'));
  }
}

async function lifecycle(app: LedgerApp, firm: string, { lineCode, fiscalYear }: BudgetLine): Promise<void> {
  const { ledger } = app;
  const fact = { kind: 'project-contract', reference: `许科合〔${fiscalYear}〕bench-${++key}` };
  const { applicationId } = await ledger.submitApplication(
    { creditCode: firm, lineCode, fiscalYear, qualifyingFact: fact, requestedFen: GRANT_FEN, evidence: {} },
    as(`applicant-${firm}`, 'APPLICANT'),
  );
  await ledger.reviewApplication({ applicationId, opinion: '材料齐全' }, as('officer-bench', 'OFFICER'));
  await ledger.approveApplication({ applicationId, amountFen: GRANT_FEN }, as('director-bench', 'APPROVER'));
  await ledger.recordDisbursement({ applicationId, amountFen: GRANT_FEN, paidOn: `${fiscalYear}-06-30`, paymentReference: `PAY-bench-${applicationId}` }, as('treasury-bench', 'TREASURY'));
}

/** Commands per second: one lifecycle per firm, `clients` at a time, the budget lines taken in turn. */
export async function commandRate(app: LedgerApp, firms: string[], clients: number): Promise<CommandRate> {
  let next = 0;
  const client = async () => {
    while (next < firms.length) {
      const i = next++;
      await lifecycle(app, firms[i]!, BUDGET_LINES[i % BUDGET_LINES.length]!);
    }
  };
  const { seconds } = await timed(() => Promise.all(Array.from({ length: clients }, client)));
  return { clients, lifecycles: firms.length, commandsPerSecond: Math.round((firms.length * COMMANDS_PER_LIFECYCLE) / seconds) };
}

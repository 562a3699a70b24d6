/**
 * The identities finance relies on, across read models: allocated + carried in = available +
 * committed + disbursed + carried out on every budget line; the sum over enterprises equals the
 * line (payments of grants carried over, 结转, drawn on the line they were carried to); an
 * enterprise's total equals its lines; the payments listed add up to what the line says was
 * disbursed; the finance journal's entries add up to every line's and every firm's figures.
 */
import { budgets, type Budgets } from '../../projections/budget-use/replay.js';
import { BALANCE_FIGURES } from '../../projections/enterprise-balance/replay.js';
import type { Difference } from './reconcile.js';
import { groupBy, type Figures, type ModelFigures, type Rows } from './replay.js';

/** The read models the identities relate to one another. */
export const IDENTITY_MODELS = ['budget_use', 'enterprise_line_balances', 'enterprise_balances', 'disbursements', 'finance_journal'];

/** A budget line's column and the journal's kinds that sum to it (a leading '-' subtracts). */
const LINE_FIGURES: [string, string[]][] = [
  ['allocated_fen', ['allocated', 'adjusted']],
  ['disbursed_fen', ['disbursed']],
  ['recovered_fen', ['recovered']],
  ['carried_in_fen', ['carried_in']],
  ['carried_out_fen', ['carried_out']],
  ['lapsed_fen', ['lapsed']],
  ['committed_fen', ['committed', '-released', 'carried_in', '-lapsed', '-disbursed', '-carried_out']],
];

/** The journal's sums by line and kind, by firm and kind, and the payments drawn on another line than their grant's. */
function journalTotals(entries: Rows) {
  const add = (map: Map<string, number>, key: string, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);
  const byLine = new Map<string, number>();
  const byFirm = new Map<string, number>();
  const awardedOn = new Map<string, string>();
  for (const e of entries.values()) if (e.kind === 'approved') awardedOn.set(String(e.application_id), String(e.budget_line_id));
  const drawnHere = new Map<string, number>();
  const drawnAway = new Map<string, number>();
  for (const e of entries.values()) {
    const [kind, line, amount] = [String(e.kind), String(e.budget_line_id), Number(e.amount_fen)];
    add(byLine, `${line}/${kind}`, amount);
    if (e.credit_code !== null && e.credit_code !== undefined) add(byFirm, `${e.credit_code}/${kind}`, amount);
    const awarded = awardedOn.get(String(e.application_id));
    if ((kind === 'disbursed' || kind === 'recovered') && awarded !== undefined && awarded !== line) {
      add(drawnHere, `${line}/${kind}`, amount);
      add(drawnAway, `${awarded}/${kind}`, amount);
    }
  }
  return { byLine, byFirm, drawnHere, drawnAway };
}

/** What the identities read from the replay: the commitments of approvals in flight. */
export const identityFolds = { budgets };

export function identities(models: ModelFigures, replayed: { budgets: Budgets }): Difference[] {
  const table = (view: string): Rows => models.get(view) ?? new Map<string, Figures>();
  const lineBalances = [...table('enterprise_line_balances').entries()];
  const differences: Difference[] = [];
  const check = (model: string, key: string, figure: string, expected: number, actual: unknown) => {
    if (expected !== actual) differences.push({ check: 'identity', model, key, figure, expected, actual });
  };
  const fen = (figures: Figures | undefined, column: string) => Number(figures?.[column] ?? 0);
  const sum = (rows: Figures[], column: string) => rows.reduce((total, r) => total + fen(r, column), 0);

  const byLine = groupBy(lineBalances, ([, r]) => String(r.budget_line_id));
  const payments = groupBy([...table('disbursements').entries()], ([, r]) => String(r.budget_line_id));
  const inFlight = new Map<string, number>();
  for (const c of replayed.budgets.inFlight.values()) inFlight.set(c.budgetLineId, (inFlight.get(c.budgetLineId) ?? 0) + c.amount);

  const journal = journalTotals(table('finance_journal'));
  for (const [id, line] of table('budget_use')) {
    const firms = (byLine.get(id) ?? []).map(([, r]) => r);
    const j = (kind: string) => journal.byLine.get(`${id}/${kind}`) ?? 0;
    // Payments and repayments of grants carried over (结转) are drawn on another line than the one
    // the firms' balances book them on (the year awarded): moved here, from there.
    const moved = (kind: string) => (journal.drawnHere.get(`${id}/${kind}`) ?? 0) - (journal.drawnAway.get(`${id}/${kind}`) ?? 0);
    const [carriedIn, carriedOut, lapsed] = [j('carried_in'), j('carried_out'), j('lapsed')];
    check('budget_use', id, 'allocated_fen + carried_in_fen = available + committed + disbursed + carried_out',
      fen(line, 'available_fen') + fen(line, 'committed_fen') + fen(line, 'disbursed_fen') + fen(line, 'carried_out_fen'),
      fen(line, 'allocated_fen') + fen(line, 'carried_in_fen'));
    // The line's own columns satisfy that by construction (available is derived from the budget
    // stream's commitments); so what approvals hold is counted from the enterprises' approvals
    // instead, which come from other streams and can disagree.
    check('budget_use', id, 'allocated_fen = available + committed + disbursed + carried out − carried in (Σ enterprises approved + in flight − lapsed + carried in)',
      fen(line, 'available_fen') + sum(firms, 'approved_fen') + (inFlight.get(id) ?? 0) - lapsed + carriedIn, fen(line, 'allocated_fen') + carriedIn);
    check('budget_use', id, 'disbursed_fen = Σ enterprises ± payments of carried-over grants', sum(firms, 'disbursed_fen') + moved('disbursed'), fen(line, 'disbursed_fen'));
    check('budget_use', id, 'recovered_fen = Σ enterprises ± repayments of carried-over grants', sum(firms, 'recovered_fen') + moved('recovered'), fen(line, 'recovered_fen'));
    check('budget_use', id, 'committed_fen = Σ enterprises (approved − disbursed) + in flight + carried in − carried out − lapsed ∓ payments of carried-over grants',
      sum(firms, 'approved_fen') - sum(firms, 'disbursed_fen') - moved('disbursed') + (inFlight.get(id) ?? 0) + carriedIn - carriedOut - lapsed, fen(line, 'committed_fen'));
    check('budget_use', id, 'disbursed_fen = Σ payments listed', sum((payments.get(id) ?? []).map(([, r]) => r), 'amount_fen'), fen(line, 'disbursed_fen'));
    for (const [figure, kinds] of LINE_FIGURES) {
      check('budget_use', id, `${figure} = Σ journal ${kinds.join(' ')}`, kinds.reduce((t, k) => t + (k.startsWith('-') ? -j(k.slice(1)) : j(k)), 0), fen(line, figure));
    }
  }
  const byFirm = groupBy(lineBalances, ([key]) => key.split('/')[0]!);
  for (const [code, total] of table('enterprise_balances')) {
    const lines = (byFirm.get(code) ?? []).map(([, r]) => r);
    for (const figure of BALANCE_FIGURES) {
      check('enterprise_balances', code, `${figure} = Σ its lines`, sum(lines, figure), fen(total, figure));
      check('enterprise_balances', code, `${figure} = Σ journal`, journal.byFirm.get(`${code}/${figure.replace(/_fen$/, '')}`) ?? 0, fen(total, figure));
    }
  }
  return differences;
}

/**
 * The identities finance relies on, across read models: allocated = available + committed +
 * disbursed on every budget line; the sum over enterprises equals the line; an enterprise's total
 * equals its lines; the payments listed add up to what the line says was disbursed.
 */
import { budgets, type Budgets } from '../../projections/budget-use/replay.js';
import { BALANCE_FIGURES } from '../../projections/enterprise-balance/replay.js';
import type { Difference } from './reconcile.js';
import { groupBy, type Figures, type ModelFigures, type Rows } from './replay.js';

/** The read models the identities relate to one another. */
export const IDENTITY_MODELS = ['budget_use', 'enterprise_line_balances', 'enterprise_balances', 'disbursements'];

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

  for (const [id, line] of table('budget_use')) {
    const firms = (byLine.get(id) ?? []).map(([, r]) => r);
    // The line's own columns satisfy the identity by construction (available is derived from the
    // budget stream's commitments); so committed + disbursed are counted from the enterprises'
    // approvals instead, which come from other streams and can disagree.
    check('budget_use', id, 'allocated_fen = available + committed + disbursed (Σ enterprises approved + in flight)',
      fen(line, 'available_fen') + sum(firms, 'approved_fen') + (inFlight.get(id) ?? 0), fen(line, 'allocated_fen'));
    check('budget_use', id, 'disbursed_fen = Σ enterprises', sum(firms, 'disbursed_fen'), fen(line, 'disbursed_fen'));
    check('budget_use', id, 'recovered_fen = Σ enterprises', sum(firms, 'recovered_fen'), fen(line, 'recovered_fen'));
    check('budget_use', id, 'committed_fen = Σ enterprises (approved − disbursed) + approvals in flight',
      sum(firms, 'approved_fen') - sum(firms, 'disbursed_fen') + (inFlight.get(id) ?? 0), fen(line, 'committed_fen'));
    check('budget_use', id, 'disbursed_fen = Σ payments listed', sum((payments.get(id) ?? []).map(([, r]) => r), 'amount_fen'), fen(line, 'disbursed_fen'));
  }
  const byFirm = groupBy(lineBalances, ([key]) => key.split('/')[0]!);
  for (const [code, total] of table('enterprise_balances')) {
    const lines = (byFirm.get(code) ?? []).map(([, r]) => r);
    for (const figure of BALANCE_FIGURES) check('enterprise_balances', code, `${figure} = Σ its lines`, sum(lines, figure), fen(total, figure));
  }
  return differences;
}

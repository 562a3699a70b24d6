/**
 * The plan of a fiscal-year close (结账): for each budget line of the year, each approval's unpaid
 * rest is carried over (结转) to the next year's line of the same benefit line and payer, or lapses,
 * by the preparer's choice for that approval, else by the rule the preparer set for the benefit
 * line, else carried over; what is left on the line, lapses included, is surplus (结余). Pure.
 */
import { DomainError } from '../shared/errors.js';
import { type Fen, formatYuan } from '../shared/money.js';

/** 结转 (carried over to the next year's line) or lapsed (no longer payable, ends in the surplus). */
export type Disposition = 'carry' | 'lapse';

/** The preparer's rules: per benefit line (by line code) and per approval (by approval id), the latter first. */
export interface CloseChoices {
  lineRules: Record<string, Disposition>;
  approvals: Record<string, Disposition>;
}

/** An approval drawing on the line with money approved and neither paid nor lapsed. */
export interface UnpaidApproval {
  applicationId: string;
  approvalId: string;
  unpaidFen: Fen;
}

/** What the close looks up of one budget line of the year, from its stream and its approvals' streams. */
export interface LineAtClose {
  budgetLineId: string;
  lineCode: string;
  payer: string;
  /** The next year's line of the same benefit line and payer, and whether Finance has allocated it. */
  nextBudgetLineId: string;
  nextLineAllocated: boolean;
  /** allocated + carried in − committed − disbursed − carried out, before the close. */
  availableFen: Fen;
  unpaid: UnpaidApproval[];
  /** Approvals still reserving on the line: the close waits for them to finish. */
  inFlight: string[];
}

export interface SettledApproval extends UnpaidApproval {
  disposition: Disposition;
}

export interface LineClosePlan {
  budgetLineId: string;
  lineCode: string;
  payer: string;
  nextBudgetLineId: string;
  approvals: SettledApproval[];
  carriedOverFen: Fen;
  lapsedFen: Fen;
  /** 结余: available before the close plus what lapses. */
  surplusFen: Fen;
}

const total = (approvals: SettledApproval[], disposition: Disposition) =>
  approvals.filter((a) => a.disposition === disposition).reduce((sum, a) => sum + a.unpaidFen, 0);

function planLine(line: LineAtClose, choices: CloseChoices): LineClosePlan {
  if (line.inFlight.length > 0) {
    throw new DomainError('INVALID_TRANSITION', `approval ${line.inFlight[0]} on ${line.budgetLineId} is still being decided: close the year when it is done`);
  }
  const approvals = line.unpaid.map((a) => ({ ...a, disposition: choices.approvals[a.approvalId] ?? choices.lineRules[line.lineCode] ?? 'carry' }));
  const carriedOverFen = total(approvals, 'carry');
  if (carriedOverFen > 0 && !line.nextLineAllocated) {
    throw new DomainError(
      'NOT_FOUND',
      `¥${formatYuan(carriedOverFen)} is to be carried over from ${line.budgetLineId}, but ${line.nextBudgetLineId} is not allocated: allocate it first, or let the approvals lapse`,
    );
  }
  const lapsedFen = total(approvals, 'lapse');
  const { budgetLineId, lineCode, payer, nextBudgetLineId } = line;
  return { budgetLineId, lineCode, payer, nextBudgetLineId, approvals, carriedOverFen, lapsedFen, surplusFen: line.availableFen + lapsedFen };
}

/** The close of every line of the year, in the order of their ids. */
export function planClose(lines: LineAtClose[], choices: CloseChoices): LineClosePlan[] {
  const known = new Set(lines.flatMap((l) => l.unpaid.map((a) => a.approvalId)));
  const stranger = Object.keys(choices.approvals).find((id) => !known.has(id));
  if (stranger) throw new DomainError('NOT_FOUND', `approval ${stranger} has nothing unpaid on a line of this year`);
  return [...lines].sort((a, b) => a.budgetLineId.localeCompare(b.budgetLineId)).map((line) => planLine(line, choices));
}

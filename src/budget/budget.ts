/**
 * Budget line (预算): money Finance allocates per benefit line, fiscal year and payer.
 * Its stream guards against overspending: approvals commit money here with an exact revision.
 */
import type { Fen } from '../shared/money.js';

/** A payer: "municipal" (市财政) or "county-<code>" (所在地财政). */
export type Payer = string;

export const budgetLineId = (lineCode: string, fiscalYear: number, payer: Payer) =>
  `${lineCode}.${fiscalYear}.${payer}`;
export const budgetStream = (id: string) => `budget-${id}`;

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type BudgetEvent =
  | {
      type: 'BudgetAllocated';
      data: { budgetLineId: string; lineCode: string; fiscalYear: number; payer: Payer; amountFen: Fen; allocatedAt: string };
    }
  | { type: 'BudgetAdjusted'; data: { budgetLineId: string; deltaFen: Fen; reason: string; adjustedAt: string } }
  | {
      type: 'BudgetCommitted';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; committedAt: string };
    }
  | {
      type: 'BudgetReleased';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; releasedAt: string };
    };

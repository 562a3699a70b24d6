/**
 * Entitlement: what one beneficiary has been awarded on one benefit line, per fiscal year.
 * It enforces "once per beneficiary", "once per year" and cumulative yearly caps (年累计上限).
 */
import type { Fen } from '../shared/money.js';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type EntitlementEvent =
  | {
      type: 'EntitlementReserved';
      data: {
        lineCode: string;
        creditCode: string;
        fiscalYear: number;
        applicationId: string;
        approvalId: string;
        amountFen: Fen;
        reservedAt: string;
      };
    }
  | { type: 'EntitlementReleased'; data: { applicationId: string; approvalId: string; releasedAt: string } };

export const entitlementStream = (lineCode: string, creditCode: string) => `entitlement-${lineCode}-${creditCode}`;

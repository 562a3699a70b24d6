/**
 * Qualifying-fact claim: one qualifying fact (资格事实: the listing, the pledge-loan contract, the
 * base's recognition document…) backs at most one award within its exclusivity group (不重复享受).
 */
import { deterministicId } from '../shared/ids.js';

export interface QualifyingFact {
  /** e.g. "neeq-listing", "patent-pledge-loan", "base-recognition", "scale-up-statistics" */
  kind: string;
  /** The document or register entry that proves it. */
  reference: string;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type ClaimEvent =
  | {
      type: 'FactClaimed';
      data: {
        exclusivityGroup: string;
        fact: QualifyingFact;
        applicationId: string;
        approvalId: string;
        lineCode: string;
        creditCode: string;
        claimedAt: string;
      };
    }
  | { type: 'FactClaimReleased'; data: { applicationId: string; approvalId: string; releasedAt: string } };

export const claimStream = (exclusivityGroup: string, fact: QualifyingFact) =>
  `fact-claim-${exclusivityGroup}-${deterministicId(fact.kind, fact.reference)}`;

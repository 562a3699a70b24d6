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
        /** The fiscal year of the award: a line paid yearly may be claimed again on the fact in another year. */
        fiscalYear?: number;
        claimedAt: string;
      };
    }
  | { type: 'FactClaimReleased'; data: { applicationId: string; approvalId: string; releasedAt: string } };

/**
 * The claim's stream: the group and the fact's document reference as written in any of its usual
 * spellings. The kind is left out on purpose: one document backs one award, whatever it is called.
 */
export const claimStream = (exclusivityGroup: string, fact: QualifyingFact) =>
  `fact-claim-${exclusivityGroup}-${deterministicId(normalizeReference(fact.reference))}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const claimStreamLabel = 'qualifying fact';

/**
 * One spelling of a document reference: full-width forms folded (NFKC), every kind of bracket
 * (〔〕【】[]（）()) made one, white space dropped, letters upper-cased. So 许政〔2016〕8号,
 * 许政[2016]8号 and "许政【2016】8 号 " are one fact.
 */
export function normalizeReference(reference: string): string {
  return reference
    .normalize('NFKC')
    .replace(/[〔【\[(（]/g, '[')
    .replace(/[〕】\])）]/g, ']')
    .replace(/\s+/g, '')
    .toUpperCase();
}

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** One approval's hold on the fact; released when the approval was abandoned. */
export interface Claim {
  applicationId: string;
  lineCode: string;
  creditCode: string;
  fiscalYear?: number;
  released: boolean;
}

export type ClaimState =
  | { status: 'unclaimed' }
  /** Claims by approval id; every one of them may since have been released. */
  | { status: 'claimed'; claims: Record<string, Claim> };

export const initialState: ClaimState = { status: 'unclaimed' };

export function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  const claims = state.status === 'claimed' ? state.claims : {};
  switch (event.type) {
    case 'FactClaimed': {
      const { approvalId, applicationId, lineCode, creditCode, fiscalYear } = event.data;
      return { status: 'claimed', claims: { ...claims, [approvalId]: { applicationId, lineCode, creditCode, fiscalYear, released: false } } };
    }
    case 'FactClaimReleased': {
      const claim = claims[event.data.approvalId];
      return claim ? { status: 'claimed', claims: { ...claims, [event.data.approvalId]: { ...claim, released: true } } } : state;
    }
    default:
      return state;
  }
}

/** The claims that back an award or an approval in progress. */
export function activeClaims(state: ClaimState): Array<Claim & { approvalId: string }> {
  if (state.status === 'unclaimed') return [];
  return Object.entries(state.claims)
    .filter(([, claim]) => !claim.released)
    .map(([approvalId, claim]) => ({ approvalId, ...claim }));
}

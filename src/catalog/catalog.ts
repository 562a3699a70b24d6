/**
 * Catalog: policies and their benefit lines (扶持项目), as events.
 * A new policy with lines of the known rule kinds is data, not code.
 */
import type { EnterpriseKind } from '../enterprise/enterprise.js';
import { XUCHANG_COUNTIES } from './counties.js';
import type { BenefitRule } from './rules/index.js';

// ── Glossary ────────────────────────────────────────────────────────────────────────────────

/** How a line computes what it pays: one module per kind in rules/. */
export type { BenefitRule };

/** How often one beneficiary may be awarded on a line. */
export type AwardFrequency = 'once-per-beneficiary' | 'once-per-beneficiary-per-year' | 'unlimited';

/** Who pays (出资): municipal finance (市财政) or the finance of the beneficiary's county (所在地财政). */
export type PayerRule = 'municipal' | 'county-of-beneficiary';

export interface PolicyArticle {
  /** e.g. "(一)" */
  article: string;
  title: string;
}

export interface BenefitLineDefinition {
  lineCode: string;
  policyCode: string;
  article: string;
  title: string;
  /** The policy's own words for what is paid. */
  titleZh: string;
  rule: BenefitRule;
  frequency: AwardFrequency;
  payer: PayerRule;
  /** 牵头单位 */
  leadUnit: string;
  /** 配合单位 */
  cooperatingUnits: string[];
  /** 不重复享受: one qualifying fact backs at most one award within this group, across policies. */
  exclusivityGroup: string;
  /** A companion line (配套奖励) is paid on the same fact after this line's approval for the same firm. */
  companionOf?: string;
  eligibleKinds: EnterpriseKind[];
  /**
   * Kinds of qualifying fact (资格事实) an application on this line may rest on, e.g.
   * ["neeq-listing"]; absent: any kind (per-case lines rest on many kinds of fact).
   */
  qualifyingFactKinds?: string[];
  /**
   * 公示: the working days a reviewed application's proposed award is posted for public comment
   * before it may be approved; absent or 0: no notice, approvals as before (0 turns it off again).
   */
  noticeWorkingDays?: number;
  /**
   * The designation kind (认定) the qualifying fact must be, recorded in the ledger: the fact's
   * reference is the designation's 文号, standing on the day of approval.
   */
  qualifyingDesignation?: string;
  /**
   * The cultivation pool (重点培育小微企业库) whose record decides the fact: a firm the pool
   * monitors qualifies only once it has left as above-designated-size, on the statistics entry its
   * exit names; a firm never in the pool rests on its fact alone.
   */
  qualifyingPoolExit?: string;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type CatalogEvent =
  | {
      type: 'PolicyPublished';
      data: {
        policyCode: string;
        /** 文号, e.g. 许政〔2016〕8号 */
        documentNumber: string;
        title: string;
        issuer: string;
        issuedOn: string;
        articles: PolicyArticle[];
        publishedAt: string;
      };
    }
  | { type: 'BenefitLineDefined'; data: BenefitLineDefinition & { definedAt: string } }
  | {
      type: 'BenefitLineAmended';
      data: { lineCode: string; changes: Partial<Omit<BenefitLineDefinition, 'lineCode' | 'policyCode'>>; amendedAt: string };
    };

export const policyStream = (policyCode: string) => `policy-${policyCode}`;
export const benefitLineStream = (lineCode: string) => `benefit-line-${lineCode}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const policyStreamLabel = 'policy';
export const benefitLineStreamLabel = 'benefit line';

// ── Payers ──────────────────────────────────────────────────────────────────────────────────

/** The payer ("municipal" or "county-<code>") of an award to a firm in `county`. */
export function payerFor(rule: PayerRule, county: string): string {
  return rule === 'municipal' ? 'municipal' : `county-${county}`;
}

/** Every payer a line with this rule may have a budget from. */
export function payersOf(rule: PayerRule): string[] {
  return rule === 'municipal' ? ['municipal'] : XUCHANG_COUNTIES.map((county) => payerFor(rule, county.code));
}

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type Policy = Omit<Extract<CatalogEvent, { type: 'PolicyPublished' }>['data'], 'publishedAt'>;

export type PolicyState = { status: 'unpublished' } | { status: 'published'; policy: Policy };

export const initialPolicyState: PolicyState = { status: 'unpublished' };

export function evolvePolicy(state: PolicyState, event: CatalogEvent): PolicyState {
  switch (event.type) {
    case 'PolicyPublished': {
      const { publishedAt: _publishedAt, ...policy } = event.data;
      return { status: 'published', policy };
    }
    default:
      return state;
  }
}

export type BenefitLineState = { status: 'not-defined' } | { status: 'defined'; line: BenefitLineDefinition };

export const initialBenefitLineState: BenefitLineState = { status: 'not-defined' };

export function evolveBenefitLine(state: BenefitLineState, event: CatalogEvent): BenefitLineState {
  switch (event.type) {
    case 'BenefitLineDefined': {
      const { definedAt: _definedAt, ...line } = event.data;
      return { status: 'defined', line };
    }
    case 'BenefitLineAmended':
      return state.status === 'defined' ? { status: 'defined', line: { ...state.line, ...event.data.changes } } : state;
    default:
      return state;
  }
}

/**
 * Catalog: publishing a policy, defining and amending its benefit lines. Two small deciders, one
 * per stream (`policy-<code>`, `benefit-line-<code>`).
 */
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import {
  type BenefitLineDefinition,
  type BenefitLineState,
  benefitLineStreamLabel,
  type CatalogEvent,
  evolveBenefitLine,
  evolvePolicy,
  initialBenefitLineState,
  initialPolicyState,
  type Policy,
  type PolicyState,
  policyStreamLabel,
} from './catalog.js';
import { invalid } from './rules/checks.js';
import { benefitRule } from './rules/index.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type PolicyCommand = { type: 'PublishPolicy'; data: Policy & { now: string } };

/** `policy` and `companion` are looked up by the command handling: the line's policy and, for a companion line, its principal line. */
interface LineLookups {
  policy: PolicyState;
  companion?: BenefitLineState;
  now: string;
}

export type BenefitLineCommand =
  | { type: 'DefineBenefitLine'; data: LineLookups & { definition: BenefitLineDefinition } }
  | { type: 'AmendBenefitLine'; data: LineLookups & { changes: LineChanges } };

export type LineChanges = Extract<CatalogEvent, { type: 'BenefitLineAmended' }>['data']['changes'];

// ── Validation ──────────────────────────────────────────────────────────────────────────────

/** Codes appear in stream names and budget line ids ("<line>.<year>.<payer>"): kebab-case only. */
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function assertCode(code: string, what: string): void {
  if (!CODE.test(code)) invalid(`${what} "${code}" must be lower-case words joined by hyphens, e.g. "scale-up-reward"`);
}

/** One check for a definition, whether new or amended. */
function assertDefinition(line: BenefitLineDefinition, lookups: LineLookups): void {
  assertCode(line.lineCode, 'line code');
  if (lookups.policy.status !== 'published') throw new DomainError('NOT_FOUND', `policy ${line.policyCode} is not published`);
  if (!lookups.policy.policy.articles.some((a) => a.article === line.article)) {
    invalid(`policy ${line.policyCode} has no article ${line.article}`);
  }
  if (line.title.trim() === '' || line.titleZh.trim() === '') invalid('a benefit line needs a title in English and in Chinese');
  benefitRule(line.rule).assertValid();
  if (line.eligibleKinds.length === 0) invalid('a benefit line names the kinds of beneficiary it pays');
  if (line.exclusivityGroup.trim() === '') invalid('a benefit line belongs to an exclusivity group (不重复享受)');
  if (line.companionOf !== undefined) assertCompanion(line, lookups.companion);
  const days = line.noticeWorkingDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 30)) invalid('a public notice (公示) runs for 1 to 30 working days (0: no notice)');
  // Checked against the ledger's records when an award is approved: here only their form.
  if (line.qualifyingDesignation !== undefined) assertCode(line.qualifyingDesignation, 'designation kind');
  if (line.qualifyingPoolExit !== undefined) assertCode(line.qualifyingPoolExit, 'cultivation pool code');
}

function assertCompanion(line: BenefitLineDefinition, principal: BenefitLineState | undefined): void {
  if (line.companionOf === line.lineCode) invalid(`line ${line.lineCode} cannot be its own companion`);
  if (principal?.status !== 'defined') throw new DomainError('NOT_FOUND', `line ${line.companionOf} is not defined`);
  if (principal.line.exclusivityGroup !== line.exclusivityGroup) {
    invalid(`a companion line shares its principal's exclusivity group "${principal.line.exclusivityGroup}"`);
  }
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

export function publishPolicy(command: PolicyCommand, state: PolicyState): CatalogEvent[] {
  const { now, ...policy } = command.data;
  assertCode(policy.policyCode, 'policy code');
  if (state.status === 'published') throw new DomainError('ALREADY_EXISTS', `policy ${policy.policyCode} is already published`);
  if (policy.documentNumber.trim() === '' || policy.title.trim() === '') invalid('a policy needs its 文号 and title');
  if (policy.articles.length === 0) invalid('a policy has at least one article');
  return [{ type: 'PolicyPublished', data: { ...policy, publishedAt: now } }];
}

export function decidePolicy(command: PolicyCommand, state: PolicyState): CatalogEvent[] {
  switch (command.type) {
    case 'PublishPolicy':
      return publishPolicy(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

type LineCommand<T extends BenefitLineCommand['type']> = Extract<BenefitLineCommand, { type: T }>;

export function defineBenefitLine(command: LineCommand<'DefineBenefitLine'>, state: BenefitLineState): CatalogEvent[] {
  const { definition, now } = command.data;
  if (state.status === 'defined') throw new DomainError('ALREADY_EXISTS', `line ${definition.lineCode} is already defined`);
  assertDefinition(definition, command.data);
  return [{ type: 'BenefitLineDefined', data: { ...definition, definedAt: now } }];
}

/**
 * What past awards rest on: their claims were keyed and paired by the exclusivity group and the
 * companion (changing them would let a fact be rewarded twice), and their money was booked on
 * the budget line of the payer (changing it would book a firm's next award of the year under
 * another payer's line than the one it is paid from).
 */
const IDENTITY_OF_AWARDS = ['exclusivityGroup', 'companionOf', 'payer'] as const;

export function amendBenefitLine(command: LineCommand<'AmendBenefitLine'>, state: BenefitLineState): CatalogEvent[] {
  const { changes, now } = command.data;
  if (state.status !== 'defined') throw new DomainError('NOT_FOUND', 'no such benefit line');
  if (Object.keys(changes).length === 0) invalid('an amendment changes at least one thing');
  const fixed = IDENTITY_OF_AWARDS.filter((key) => key in changes);
  if (fixed.length > 0) {
    invalid(`${fixed.join(' and ')} cannot be amended: awards already rest on them; define a new line instead`);
  }
  assertDefinition({ ...state.line, ...changes }, command.data);
  return [{ type: 'BenefitLineAmended', data: { lineCode: state.line.lineCode, changes, amendedAt: now } }];
}

export function decideBenefitLine(command: BenefitLineCommand, state: BenefitLineState): CatalogEvent[] {
  switch (command.type) {
    case 'DefineBenefitLine':
      return defineBenefitLine(command, state);
    case 'AmendBenefitLine':
      return amendBenefitLine(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const policyDecider: Decider<PolicyState, PolicyCommand, CatalogEvent> = {
  streamLabel: policyStreamLabel,
  version: 1,
  initialState: initialPolicyState,
  evolve: evolvePolicy,
  decide: decidePolicy,
};

export const benefitLineDecider: Decider<BenefitLineState, BenefitLineCommand, CatalogEvent> = {
  streamLabel: benefitLineStreamLabel,
  version: 1,
  initialState: initialBenefitLineState,
  evolve: evolveBenefitLine,
  decide: decideBenefitLine,
};

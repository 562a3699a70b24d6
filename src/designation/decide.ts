/**
 * Designations: defining a kind (catalog data of a policy) and recording a beneficiary's
 * designation under it. Two deciders, one per stream (`designation-kind-<code>`, `designations-<credit code>`).
 */
import { assertCode } from '../catalog/decide.js';
import type { PolicyState } from '../catalog/catalog.js';
import { invalid } from '../catalog/rules/checks.js';
import type { EnterpriseState } from '../enterprise/enterprise.js';
import { assertIsoDate, yearsAfter } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertPositiveFen, type Fen, formatYuan } from '../shared/money.js';
import {
  type Designation,
  type DesignationEvent,
  type DesignationKindDefinition,
  type DesignationKindState,
  designationKindStreamLabel,
  type DesignationsState,
  designationsStreamLabel,
  evolveDesignations,
  evolveKind,
  initialDesignationsState,
  initialKindState,
} from './designation.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

/** `policy` is looked up by the command handling. */
export type DesignationKindCommand = { type: 'DefineDesignationKind'; data: { definition: DesignationKindDefinition; policy: PolicyState; now: string } };

export interface DesignationInput {
  creditCode: string;
  kindCode: string;
  documentNumber: string;
  designatedBy: string;
  designatedOn: string;
  product?: string;
  annualRevenueFen?: Fen;
}

/** `enterprise` and `kind` are looked up by the command handling. */
export type DesignationsCommand = {
  type: 'RecordDesignation';
  data: DesignationInput & { designationId: string; recordedBy: string; enterprise: EnterpriseState; kind: DesignationKindState; now: string };
};

const LEVELS = ['national', 'provincial', 'municipal'] as const;
const SUBJECTS = ['beneficiary', 'product'] as const;

// ── Defining a kind ─────────────────────────────────────────────────────────────────────────

function assertKind(kind: DesignationKindDefinition, policy: PolicyState): void {
  assertCode(kind.kindCode, 'designation kind code');
  if (policy.status !== 'published') throw new DomainError('NOT_FOUND', `policy ${kind.policyCode} is not published`);
  if (!policy.policy.articles.some((a) => a.article === kind.article)) invalid(`policy ${kind.policyCode} has no article ${kind.article}`);
  if (kind.title.trim() === '' || kind.titleZh.trim() === '') invalid('a designation kind needs a title in English and in Chinese');
  if (!LEVELS.includes(kind.level)) invalid(`"${kind.level}" is not a level; one of ${LEVELS.join(', ')}`);
  if (!SUBJECTS.includes(kind.subject)) invalid(`"${kind.subject}" is not what a designation is given to; one of ${SUBJECTS.join(', ')}`);
  if (kind.eligibleKinds.length === 0) invalid('a designation kind names the kinds of beneficiary it is given to');
  if (kind.validityYears !== undefined && (!Number.isInteger(kind.validityYears) || kind.validityYears < 1)) {
    invalid('a validity is a whole number of years, at least 1');
  }
  if (kind.minimumAnnualRevenueFen !== undefined) assertPositiveFen(kind.minimumAnnualRevenueFen, 'the least annual revenue');
}

export function defineDesignationKind(command: DesignationKindCommand, state: DesignationKindState): DesignationEvent[] {
  const { definition, policy, now } = command.data;
  if (state.status === 'defined') throw new DomainError('ALREADY_EXISTS', `designation kind ${definition.kindCode} is already defined`);
  assertKind(definition, policy);
  return [{ type: 'DesignationKindDefined', data: { ...definition, definedAt: now } }];
}

export function decideDesignationKind(command: DesignationKindCommand, state: DesignationKindState): DesignationEvent[] {
  switch (command.type) {
    case 'DefineDesignationKind':
      return defineDesignationKind(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

// ── Recording a designation ─────────────────────────────────────────────────────────────────

/** What the kind asks of the designation: a product named for a product designation, revenue over its floor. */
function assertFitsKind(input: DesignationInput, kind: DesignationKindDefinition): void {
  if (kind.subject === 'product' && !input.product?.trim()) invalid(`a ${kind.titleZh} designation names the product designated`);
  if (kind.subject === 'beneficiary' && input.product !== undefined) invalid(`a ${kind.titleZh} designation is given to the beneficiary, not a product`);
  const floor = kind.minimumAnnualRevenueFen;
  if (floor === undefined) return;
  if (input.annualRevenueFen === undefined) invalid(`a ${kind.titleZh} designation records the firm's annual revenue (年营业收入)`);
  if (input.annualRevenueFen <= floor) {
    throw new DomainError('NOT_ELIGIBLE', `${kind.titleZh} needs an annual revenue over ¥${formatYuan(floor)}; ¥${formatYuan(input.annualRevenueFen)} was recorded`);
  }
}

export function recordDesignation(command: DesignationsCommand, state: DesignationsState): DesignationEvent[] {
  const { enterprise, kind: kindState, now, designationId, recordedBy, ...input } = command.data;
  if (enterprise.status !== 'registered') throw new DomainError('NOT_FOUND', `enterprise ${input.creditCode} is not registered`);
  if (kindState.status !== 'defined') throw new DomainError('NOT_FOUND', `designation kind ${input.kindCode} is not defined`);
  const { kind } = kindState;
  if (!kind.eligibleKinds.includes(enterprise.kind)) {
    throw new DomainError('NOT_ELIGIBLE', `${kind.titleZh} is given to ${kind.eligibleKinds.join(' or ')}, not ${enterprise.kind} ${enterprise.name}`);
  }
  if (input.documentNumber.trim() === '' || input.designatedBy.trim() === '') invalid('a designation names its document (文号) and who designated');
  assertIsoDate(input.designatedOn, 'the date of the designation');
  assertFitsKind(input, kind);
  const same = (d: Designation) => d.kindCode === input.kindCode && d.documentNumber === input.documentNumber && d.product === input.product;
  if (state.designations.some(same)) {
    throw new DomainError('ALREADY_EXISTS', `${enterprise.name} already holds ${kind.titleZh} under ${input.documentNumber}`);
  }
  const validUntil = kind.validityYears === undefined ? undefined : yearsAfter(input.designatedOn, kind.validityYears);
  return [
    {
      type: 'DesignationRecorded',
      data: { ...input, designationId, level: kind.level, ...(validUntil ? { validUntil } : {}), recordedBy, recordedAt: now },
    },
  ];
}

export function decideDesignations(command: DesignationsCommand, state: DesignationsState): DesignationEvent[] {
  switch (command.type) {
    case 'RecordDesignation':
      return recordDesignation(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export const designationKindDecider: Decider<DesignationKindState, DesignationKindCommand, DesignationEvent> = {
  streamLabel: designationKindStreamLabel,
  version: 1,
  initialState: initialKindState,
  evolve: evolveKind,
  decide: decideDesignationKind,
};

export const designationsDecider: Decider<DesignationsState, DesignationsCommand, DesignationEvent> = {
  streamLabel: designationsStreamLabel,
  version: 1,
  initialState: initialDesignationsState,
  evolve: evolveDesignations,
  decide: decideDesignations,
};

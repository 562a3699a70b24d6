/**
 * Yearly targets: setting a target of an article for a year (catalog data), and recording the
 * activities of its lead and cooperating units against it. One stream per target and year.
 */
import { assertCode } from '../catalog/decide.js';
import type { PolicyState } from '../catalog/catalog.js';
import { assertRate, invalid } from '../catalog/rules/checks.js';
import type { DesignationKindState } from '../designation/designation.js';
import { assertCreditCode } from '../enterprise/credit-code.js';
import { assertIsoDate, yearOf } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertFiscalYear } from '../shared/fiscal-year.js';
import {
  evolveTarget,
  initialTargetState,
  type RentDiscount,
  type TargetDefinition,
  type TargetEvent,
  type TargetState,
  targetStreamLabel,
} from './target.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export interface ActivityInput {
  targetCode: string;
  year: number;
  title: string;
  heldOn: string;
  place: string;
  firmsTakingPart: number;
  documentNumber?: string;
  unit: string;
  rentDiscount?: RentDiscount;
}

export type TargetCommand =
  /** Looked up: the policy, and for a `designations` target the kind it counts. */
  | { type: 'SetTarget'; data: { definition: TargetDefinition; policy: PolicyState; designationKind?: DesignationKindState; now: string } }
  | { type: 'RecordActivity'; data: ActivityInput & { activityId: string; recordedBy: string; now: string } };

// ── Setting a target ────────────────────────────────────────────────────────────────────────

function assertMeasure(target: TargetDefinition, designationKind: DesignationKindState | undefined): void {
  const { measure, quantity } = target;
  if (!Number.isSafeInteger(quantity) || quantity < 1) invalid('a target is a whole quantity, at least 1');
  switch (measure.kind) {
    case 'activities':
    case 'firms-reached':
      return;
    case 'lowest-discount':
      return assertRate(quantity);
    case 'designations':
      if (designationKind?.status !== 'defined') throw new DomainError('NOT_FOUND', `designation kind ${measure.designationKind} is not defined`);
      return;
    default: {
      const unknown: never = measure;
      invalid(`unknown measure ${JSON.stringify(unknown)}`);
    }
  }
}

export function setTarget(command: Extract<TargetCommand, { type: 'SetTarget' }>, state: TargetState): TargetEvent[] {
  const { definition: target, policy, designationKind, now } = command.data;
  if (state.status === 'set') throw new DomainError('ALREADY_EXISTS', `target ${target.targetCode} is already set for ${target.year}`);
  assertCode(target.targetCode, 'target code');
  assertFiscalYear(target.year);
  if (policy.status !== 'published') throw new DomainError('NOT_FOUND', `policy ${target.policyCode} is not published`);
  if (!policy.policy.articles.some((a) => a.article === target.article)) invalid(`policy ${target.policyCode} has no article ${target.article}`);
  if (target.title.trim() === '' || target.titleZh.trim() === '') invalid('a target needs a title in English and in Chinese');
  if (target.leadUnit.trim() === '') invalid('a target names its lead unit (牵头单位)');
  assertMeasure(target, designationKind);
  return [{ type: 'TargetSet', data: { ...target, setAt: now } }];
}

// ── Recording an activity ───────────────────────────────────────────────────────────────────

function assertRentDiscount(target: TargetDefinition, discount: RentDiscount | undefined): void {
  if (target.measure.kind !== 'lowest-discount') {
    if (discount !== undefined) invalid(`${target.titleZh} is not a rent discount target: an activity under it records no discount`);
    return;
  }
  if (discount === undefined) invalid(`${target.titleZh}: each activity records the base, the firm and the discount`);
  assertCreditCode(discount.baseCreditCode);
  assertCreditCode(discount.firmCreditCode);
  if (discount.baseCreditCode === discount.firmCreditCode) invalid('a rent discount is given by a base to another firm it houses');
  assertRate(discount.basisPoints);
}

export function recordActivity(command: Extract<TargetCommand, { type: 'RecordActivity' }>, state: TargetState): TargetEvent[] {
  const { now, ...activity } = command.data;
  if (state.status !== 'set') throw new DomainError('NOT_FOUND', `no target ${activity.targetCode} is set for ${activity.year}`);
  const { target } = state;
  if (target.measure.kind === 'designations') {
    invalid(`${target.titleZh} is counted from the designations recorded (${target.measure.designationKind}): record the designation instead`);
  }
  if (state.activityIds.includes(activity.activityId)) throw new DomainError('ALREADY_EXISTS', `activity ${activity.activityId} is already recorded`);
  const units = [target.leadUnit, ...target.cooperatingUnits];
  if (!units.includes(activity.unit)) {
    throw new DomainError('NOT_ELIGIBLE', `${activity.unit} is neither the lead nor a cooperating unit of ${target.titleZh}: one of ${units.join(', ')}`);
  }
  if (activity.title.trim() === '' || activity.place.trim() === '') invalid('an activity says what was done and where');
  assertIsoDate(activity.heldOn, 'the date of the activity');
  if (yearOf(activity.heldOn) !== target.year) invalid(`the activity of ${activity.heldOn} does not count towards the target of ${target.year}`);
  if (!Number.isSafeInteger(activity.firmsTakingPart) || activity.firmsTakingPart < 0) invalid('the firms taking part are a whole number, at least 0');
  if (target.measure.kind === 'firms-reached' && activity.firmsTakingPart === 0) invalid(`${target.titleZh} counts firms: the activity reached at least one`);
  assertRentDiscount(target, activity.rentDiscount);
  return [{ type: 'ActivityRecorded', data: { ...activity, recordedAt: now } }];
}

export function decideTarget(command: TargetCommand, state: TargetState): TargetEvent[] {
  switch (command.type) {
    case 'SetTarget':
      return setTarget(command, state);
    case 'RecordActivity':
      return recordActivity(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const targetDecider: Decider<TargetState, TargetCommand, TargetEvent> = {
  streamLabel: targetStreamLabel,
  version: 1,
  initialState: initialTargetState,
  evolve: evolveTarget,
  decide: decideTarget,
};

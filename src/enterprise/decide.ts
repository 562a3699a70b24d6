/**
 * Enterprise register: the commands and their rules.
 */
import { countyChoices, findCounty } from '../catalog/counties.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertCreditCode } from './credit-code.js';
import {
  type Enterprise,
  type EnterpriseEvent,
  type EnterpriseKind,
  type EnterpriseState,
  enterpriseStreamLabel,
  evolve,
  initialState,
} from './enterprise.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type EnterpriseCommand = { type: 'RegisterEnterprise'; data: Enterprise & { now: string } };

const KINDS: readonly EnterpriseKind[] = ['enterprise', 'startup-base', 'guarantee-institution'];

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

export function registerEnterprise(
  command: Extract<EnterpriseCommand, { type: 'RegisterEnterprise' }>,
  state: EnterpriseState,
): EnterpriseEvent[] {
  const { now, ...enterprise } = command.data;
  assertCreditCode(enterprise.creditCode);
  if (state.status === 'registered') {
    throw new DomainError('ALREADY_EXISTS', `enterprise ${enterprise.creditCode} is already registered as ${state.name}`);
  }
  if (enterprise.name.trim() === '') throw new DomainError('INVALID_INPUT', 'the enterprise needs a name');
  if (!findCounty(enterprise.county)) {
    throw new DomainError('INVALID_INPUT', `"${enterprise.county}" is not a county of Xuchang; one of ${countyChoices()}`);
  }
  if (!KINDS.includes(enterprise.kind)) {
    throw new DomainError('INVALID_INPUT', `"${enterprise.kind}" is not a kind of beneficiary; one of ${KINDS.join(', ')}`);
  }
  return [{ type: 'EnterpriseRegistered', data: { ...enterprise, registeredAt: now } }];
}

export function decide(command: EnterpriseCommand, state: EnterpriseState): EnterpriseEvent[] {
  switch (command.type) {
    case 'RegisterEnterprise':
      return registerEnterprise(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export const enterpriseDecider: Decider<EnterpriseState, EnterpriseCommand, EnterpriseEvent> = {
  streamLabel: enterpriseStreamLabel,
  version: 1,
  initialState,
  evolve,
  decide,
};

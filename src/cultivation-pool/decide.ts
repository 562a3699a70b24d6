/**
 * The cultivation pool (重点培育小微企业库): defining a pool and its band (catalog data), and a
 * firm's entry, yearly monitoring and exit. Two deciders, one per stream
 * (`cultivation-pool-<code>`, `pool-member-<code>-<credit code>`).
 */
import { assertCode } from '../catalog/decide.js';
import type { PolicyState } from '../catalog/catalog.js';
import { assertAmounts, invalid } from '../catalog/rules/checks.js';
import type { EnterpriseState } from '../enterprise/enterprise.js';
import { assertIsoDate, yearOf } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertFiscalYear } from '../shared/fiscal-year.js';
import { assertPositiveFen, type Fen, formatYuan } from '../shared/money.js';
import {
  type CultivationPoolDefinition,
  type CultivationPoolEvent,
  type CultivationPoolState,
  cultivationPoolStreamLabel,
  evolveMember,
  evolvePool,
  initialMemberState,
  initialPoolState,
  type PoolExitReason,
  type PoolMemberState,
  poolMemberStreamLabel,
} from './cultivation-pool.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

/** `policy` is looked up by the command handling. */
export type CultivationPoolCommand = { type: 'DefineCultivationPool'; data: { definition: CultivationPoolDefinition; policy: PolicyState; now: string } };

type MemberCommandOf<T extends string, D> = { type: T; data: D & { poolCode: string; creditCode: string; recordedBy: string; now: string } };

export type PoolMemberCommand =
  /** `pool` and `enterprise` are looked up by the command handling. */
  | MemberCommandOf<'EnterPool', { year: number; outputValueFen: Fen; enteredOn: string; pool: CultivationPoolState; enterprise: EnterpriseState }>
  | MemberCommandOf<'MonitorPoolMember', { year: number; outputValueFen: Fen; note?: string }>
  | MemberCommandOf<'ExitPool', { reason: PoolExitReason; reference: string; exitedOn: string }>;

const REASONS: readonly PoolExitReason[] = ['above-designated-size', 'dropped-out'];

// ── Defining a pool ─────────────────────────────────────────────────────────────────────────

export function defineCultivationPool(command: CultivationPoolCommand, state: CultivationPoolState): CultivationPoolEvent[] {
  const { definition: pool, policy, now } = command.data;
  if (state.status === 'defined') throw new DomainError('ALREADY_EXISTS', `cultivation pool ${pool.poolCode} is already defined`);
  assertCode(pool.poolCode, 'pool code');
  if (policy.status !== 'published') throw new DomainError('NOT_FOUND', `policy ${pool.policyCode} is not published`);
  if (!policy.policy.articles.some((a) => a.article === pool.article)) invalid(`policy ${pool.policyCode} has no article ${pool.article}`);
  if (pool.titleZh.trim() === '' || pool.leadUnit.trim() === '') invalid('a cultivation pool needs a title and a lead unit (牵头单位)');
  assertPositiveFen(pool.minOutputFen, 'the band\'s least output value');
  assertPositiveFen(pool.maxOutputFen, 'the band\'s greatest output value');
  if (pool.minOutputFen > pool.maxOutputFen) invalid('the band\'s least output value is not above its greatest');
  return [{ type: 'CultivationPoolDefined', data: { ...pool, definedAt: now } }];
}

export function decideCultivationPool(command: CultivationPoolCommand, state: CultivationPoolState): CultivationPoolEvent[] {
  switch (command.type) {
    case 'DefineCultivationPool':
      return defineCultivationPool(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

// ── A firm in the pool ──────────────────────────────────────────────────────────────────────

type Command<T extends PoolMemberCommand['type']> = Extract<PoolMemberCommand, { type: T }>;

function assertYearAndDate(year: number, date: string, what: string): void {
  assertFiscalYear(year);
  assertIsoDate(date, what);
  if (yearOf(date) !== year) invalid(`${what} ${date} is not in ${year}`);
}

export function enterPool(command: Command<'EnterPool'>, state: PoolMemberState): CultivationPoolEvent[] {
  const { pool: poolState, enterprise, now, ...entry } = command.data;
  if (poolState.status !== 'defined') throw new DomainError('NOT_FOUND', `cultivation pool ${entry.poolCode} is not defined`);
  if (enterprise.status !== 'registered') throw new DomainError('NOT_FOUND', `enterprise ${entry.creditCode} is not registered`);
  if (enterprise.kind !== 'enterprise') throw new DomainError('NOT_ELIGIBLE', `the pool cultivates small/micro firms, not ${enterprise.kind} ${enterprise.name}`);
  if (state.status === 'monitored') throw new DomainError('ALREADY_EXISTS', `${enterprise.name} is already in the pool, since ${state.enteredYear}`);
  if (state.status === 'left' && state.reason === 'above-designated-size') {
    throw new DomainError('INVALID_TRANSITION', `${enterprise.name} left the pool as above-designated-size (规模以上) on ${state.exitedOn}: it is no longer small/micro`);
  }
  assertYearAndDate(entry.year, entry.enteredOn, 'the date of entry');
  assertAmounts([entry.outputValueFen], 'output values');
  const { minOutputFen, maxOutputFen } = poolState.pool;
  if (entry.outputValueFen < minOutputFen || entry.outputValueFen > maxOutputFen) {
    throw new DomainError(
      'NOT_ELIGIBLE',
      `the pool takes firms with an annual output value of ¥${formatYuan(minOutputFen)} to ¥${formatYuan(maxOutputFen)}; ${enterprise.name} has ¥${formatYuan(entry.outputValueFen)}`,
    );
  }
  return [{ type: 'PoolEntered', data: { ...entry, recordedAt: now } }];
}

function assertInPool(state: PoolMemberState, creditCode: string, action: string): asserts state is Extract<PoolMemberState, { status: 'monitored' }> {
  if (state.status !== 'monitored') throw new DomainError('INVALID_TRANSITION', `${creditCode} is not in the pool: it cannot be ${action}`);
}

export function monitorPoolMember(command: Command<'MonitorPoolMember'>, state: PoolMemberState): CultivationPoolEvent[] {
  const { now, ...monitoring } = command.data;
  assertInPool(state, monitoring.creditCode, 'monitored');
  assertFiscalYear(monitoring.year);
  if (monitoring.year < state.enteredYear) invalid(`${monitoring.creditCode} entered the pool in ${state.enteredYear}, after ${monitoring.year}`);
  if (state.yearsMonitored.includes(monitoring.year)) throw new DomainError('ALREADY_EXISTS', `${monitoring.creditCode} is already monitored for ${monitoring.year}`);
  assertAmounts([monitoring.outputValueFen], 'output values');
  return [{ type: 'PoolMonitored', data: { ...monitoring, recordedAt: now } }];
}

export function exitPool(command: Command<'ExitPool'>, state: PoolMemberState): CultivationPoolEvent[] {
  const { now, ...exit } = command.data;
  assertInPool(state, exit.creditCode, 'taken out of it');
  if (!REASONS.includes(exit.reason)) invalid(`"${exit.reason}" is not a reason to leave the pool; one of ${REASONS.join(', ')}`);
  if (exit.reference.trim() === '') invalid('an exit names its statistics entry (above-designated-size) or why the firm dropped out');
  assertIsoDate(exit.exitedOn, 'the date of exit');
  return [{ type: 'PoolExited', data: { ...exit, recordedAt: now } }];
}

export function decidePoolMember(command: PoolMemberCommand, state: PoolMemberState): CultivationPoolEvent[] {
  switch (command.type) {
    case 'EnterPool':
      return enterPool(command, state);
    case 'MonitorPoolMember':
      return monitorPoolMember(command, state);
    case 'ExitPool':
      return exitPool(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const cultivationPoolDecider: Decider<CultivationPoolState, CultivationPoolCommand, CultivationPoolEvent> = {
  streamLabel: cultivationPoolStreamLabel,
  version: 1,
  initialState: initialPoolState,
  evolve: evolvePool,
  decide: decideCultivationPool,
};

export const poolMemberDecider: Decider<PoolMemberState, PoolMemberCommand, CultivationPoolEvent> = {
  streamLabel: poolMemberStreamLabel,
  version: 1,
  initialState: initialMemberState,
  evolve: evolveMember,
  decide: decidePoolMember,
};

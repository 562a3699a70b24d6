/**
 * The cultivation pool (重点培育小微企业库): small/micro firms with an annual output value
 * (年产值) in the policy's band, monitored each year as targets of scale-up (上规模培育), until they
 * become above-designated-size (规模以上企业) or drop out.
 */
import type { Fen } from '../shared/money.js';

// ── Glossary ────────────────────────────────────────────────────────────────────────────────

/** A pool as the policy's catalog defines it: the band of output value is data. */
export interface CultivationPoolDefinition {
  poolCode: string;
  policyCode: string;
  article: string;
  titleZh: string;
  /** The band of annual output value (年产值) a firm enters with, both ends included: 许政〔2016〕8号 says ¥5M–20M. */
  minOutputFen: Fen;
  maxOutputFen: Fen;
  /** 牵头单位 */
  leadUnit: string;
}

/**
 * Why a firm leaves: it became above-designated-size (上规模: its statistics entry is the scale-up
 * reward's qualifying fact), or it dropped out (closed, moved, fell out of the band…).
 */
export type PoolExitReason = 'above-designated-size' | 'dropped-out';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

type Member = { poolCode: string; creditCode: string; recordedBy: string; recordedAt: string };

export type CultivationPoolEvent =
  | { type: 'CultivationPoolDefined'; data: CultivationPoolDefinition & { definedAt: string } }
  | { type: 'PoolEntered'; data: Member & { year: number; outputValueFen: Fen; enteredOn: string } }
  /** 培育监测: the year's output value of a firm in the pool. */
  | { type: 'PoolMonitored'; data: Member & { year: number; outputValueFen: Fen; note?: string } }
  | {
      type: 'PoolExited';
      data: Member & {
        reason: PoolExitReason;
        /** Above-designated-size: the statistics entry (规上企业入库) it rests on; dropped out: why. */
        reference: string;
        exitedOn: string;
      };
    };

export const cultivationPoolStream = (poolCode: string) => `cultivation-pool-${poolCode}`;
/** One firm's membership of one pool. */
export const poolMemberStream = (poolCode: string, creditCode: string) => `pool-member-${poolCode}-${creditCode}`;
/** The streams in a case officer's words, for messages (stream names are internal). */
export const cultivationPoolStreamLabel = 'cultivation pool';
export const poolMemberStreamLabel = "firm's place in the cultivation pool";

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type CultivationPoolState = { status: 'not-defined' } | { status: 'defined'; pool: CultivationPoolDefinition };

export const initialPoolState: CultivationPoolState = { status: 'not-defined' };

export function evolvePool(state: CultivationPoolState, event: CultivationPoolEvent): CultivationPoolState {
  if (event.type !== 'CultivationPoolDefined') return state;
  const { definedAt: _definedAt, ...pool } = event.data;
  return { status: 'defined', pool };
}

export type PoolMemberState =
  | { status: 'outside' }
  /** In the pool: the years monitored so far (the entry year first). */
  | { status: 'monitored'; enteredYear: number; yearsMonitored: number[] }
  | { status: 'left'; reason: PoolExitReason; reference: string; exitedOn: string };

export const initialMemberState: PoolMemberState = { status: 'outside' };

export function evolveMember(state: PoolMemberState, event: CultivationPoolEvent): PoolMemberState {
  switch (event.type) {
    case 'PoolEntered':
      return { status: 'monitored', enteredYear: event.data.year, yearsMonitored: [event.data.year] };
    case 'PoolMonitored':
      return state.status === 'monitored' ? { ...state, yearsMonitored: [...state.yearsMonitored, event.data.year] } : state;
    case 'PoolExited': {
      const { reason, reference, exitedOn } = event.data;
      return { status: 'left', reason, reference, exitedOn };
    }
    default:
      return state;
  }
}

/**
 * The measures read model: given these events, these rows; and the same rows as the replay
 * reconciliation compares them with, for the pool's counters through a drop-out and a re-entry.
 */
import { describe, expect, it } from 'vitest';
import { measures } from '../../projections/measures/measures.js';
import { createReadModelQueries } from '../../src/readmodel/queries/index.js';
import { Replay } from '../../src/readmodel/replay.js';
import type { LedgerEvent } from '../../src/events.js';
import { XUCHANG_2016_8_POOL, xuchang2016_8TargetsOf } from '../../src/catalog/xuchang-2016-8-measures.js';
import { creditCode, yuan } from '../support/domain-fixtures.js';
import { event, type Given, project } from './project.js';

const AT = '2024-06-01T08:00:00.000Z';
const FIRM = creditCode(61);
const member = { poolCode: 'key-cultivation', creditCode: FIRM, recordedBy: 'unit-gxw', recordedAt: AT };
const EVENTS: Given[] = [
  event('CultivationPoolDefined', { ...XUCHANG_2016_8_POOL, definedAt: AT }),
  event('PoolEntered', { ...member, year: 2024, outputValueFen: yuan(6_000_000), enteredOn: '2024-03-01' }),
  event('PoolExited', { ...member, reason: 'dropped-out', reference: '停产', exitedOn: '2024-08-01' }),
  event('PoolEntered', { ...member, year: 2025, outputValueFen: yuan(7_000_000), enteredOn: '2025-03-01' }),
  event('PoolMonitored', { ...member, year: 2026, outputValueFen: yuan(21_000_000) }),
  event('PoolExited', { ...member, reason: 'above-designated-size', reference: '许统规入〔2026〕9号', exitedOn: '2026-12-31' }),
];

/** The rows the independent replay gives for a table, by key. */
function replayed(events: Given[], table: keyof typeof measures.tables) {
  const replay = new Replay(Object.values(measures.replay.folds));
  for (const e of events) replay.apply({ type: e.type, data: e.data } as LedgerEvent, undefined);
  const expected = measures.replay.tables[table];
  if ('notCompared' in expected) throw new Error(`${table} is not compared`);
  return Object.fromEntries(expected.rows(replay.statesOf(measures.replay.folds)));
}

describe('the measures read model', () => {
  it('counts a firm that dropped out, entered again and scaled up once, as scaled up', () => {
    const p = project(measures, ...EVENTS);
    expect(p.rows('cultivation_pools')).toEqual([expect.objectContaining({ pool_code: 'key-cultivation', monitored: 0, scaled_up: 1, dropped_out: 0 })]);
    expect(p.rows('pool_members')).toEqual([
      expect.objectContaining({ status: 'left', entered_year: 2025, entry_output_fen: yuan(7_000_000), last_year: 2026, last_output_fen: yuan(21_000_000), exit_reason: 'above-designated-size' }),
    ]);
    expect(replayed(EVENTS, 'cultivationPools')).toEqual({ 'key-cultivation': { monitored: 0, scaled_up: 1, dropped_out: 0 } });
  });

  it('counts a dropped-out firm until it enters again', () => {
    const p = project(measures, ...EVENTS.slice(0, 3));
    expect(p.rows('cultivation_pools')).toEqual([expect.objectContaining({ monitored: 0, scaled_up: 0, dropped_out: 1 })]);
    expect(replayed(EVENTS.slice(0, 3), 'cultivationPools')).toEqual({ 'key-cultivation': { monitored: 0, scaled_up: 0, dropped_out: 1 } });
    p.apply(EVENTS[3]!);
    expect(p.rows('cultivation_pools')).toEqual([expect.objectContaining({ monitored: 1, scaled_up: 0, dropped_out: 0 })]);
  });

  it('gives a lowest-discount target its lowest discount, and none before the first', () => {
    const rent = xuchang2016_8TargetsOf(2024).find((t) => t.targetCode === 'startup-base-rent-discounts')!;
    const discount = (activityId: string, basisPoints: number) =>
      event('ActivityRecorded', {
        targetCode: rent.targetCode, year: 2024, activityId, title: '租金优惠', heldOn: '2024-05-01', place: '创业基地', firmsTakingPart: 1, unit: '市工信委',
        rentDiscount: { baseCreditCode: creditCode(62), firmCreditCode: creditCode(63), basisPoints }, recordedBy: 'unit-gxw', recordedAt: AT,
      });
    const p = project(measures, event('TargetSet', { ...rent, setAt: AT }));
    const progress = () => createReadModelQueries(p.readStore).targetProgress({ year: 2024 })[0]!;
    expect(progress()).toMatchObject({ quantity: 500, done: null, shareBasisPoints: 0, met: false });
    p.apply(discount('a-1', 800), discount('a-2', 600));
    expect(progress()).toMatchObject({ done: 600, shareBasisPoints: 12_000, met: true, activities: 2 });
    p.apply(discount('a-3', 450));
    expect(progress()).toMatchObject({ done: 450, shareBasisPoints: 9_000, met: false });
  });
});

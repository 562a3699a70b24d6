/**
 * The measures as the supervising office (督办) asks after them: designations, the cultivation
 * pool, and each target's progress (the target, what was done, the share, the lead unit) with the
 * activities or designations behind each figure.
 */
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { byKeys, listed, type Page, where } from '../../src/readmodel/queries/sql.js';
import { selectList } from '../../src/readmodel/table.js';
import { type ActivityRow, type CultivationPoolRow, type DesignationKindRow, type DesignationRow, measures, type PoolMemberRow, type TargetRow } from './measures.js';

export interface DesignationFilter {
  creditCode?: string;
  kindCode?: string;
  /** Designated in this calendar year. */
  year?: number;
}

export interface PoolMemberFilter {
  poolCode?: string;
  status?: PoolMemberRow['status'];
  creditCode?: string;
}

export interface ProgressFilter {
  year?: number;
  article?: string;
  leadUnit?: string;
}

export interface ActivityFilter {
  targetCode?: string;
  year?: number;
  unit?: string;
}

/** A target with what was done towards it: `done` is null while a lowest-discount target has no discount recorded. */
export interface TargetProgressRow extends TargetRow {
  done: number | null;
  /** done ÷ target, in basis points, rounded down (10000 = met exactly). */
  shareBasisPoints: number;
  met: boolean;
}

const { tables } = measures;
const KIND = selectList(tables.designationKinds);
const DESIGNATION = selectList(tables.designations);
const POOL = selectList(tables.cultivationPools);
const MEMBER = selectList(tables.poolMembers);
const ACTIVITY = selectList(tables.activities);
const TARGET = selectList(tables.targets)
  .split(', ')
  .map((c) => `t.${c}`)
  .join(', ');

/** What a target's figure is, by its measure: the designations of its kind in its year come from their count. */
const DONE = `CASE t.measure_kind
  WHEN 'activities' THEN t.activities
  WHEN 'firms-reached' THEN t.firms_reached
  WHEN 'lowest-discount' THEN t.lowest_discount_basis_points
  ELSE coalesce(c.designations, 0) END`;

const yearRange = (year: number | undefined) => (year === undefined ? [undefined, undefined] : [`${year}-01-01`, `${year}-12-31`]);

function progressOf(row: TargetRow & { done: number | null }): TargetProgressRow {
  const done = row.done ?? 0;
  return { ...row, shareBasisPoints: Math.floor((done * 10_000) / row.quantity), met: row.done !== null && row.done >= row.quantity };
}

export function measureQueries(rs: ReadStore) {
  return {
    /** Every kind of designation, by code. */
    designationKinds: () => rs.all<DesignationKindRow>(`SELECT ${KIND} FROM designation_kinds ORDER BY kind_code`),

    /** Designations under the filter, by date. */
    designations(filter: DesignationFilter, page: Page) {
      const [from, to] = yearRange(filter.year);
      const w = where([
        ['credit_code = ?', filter.creditCode],
        ['kind_code = ?', filter.kindCode],
        ['designated_on >= ?', from],
        ['designated_on <= ?', to],
      ]);
      return listed<DesignationRow>(rs, DESIGNATION, 'designations', w, 'designated_on, designation_id', page);
    },

    designationsById: byKeys<DesignationRow>(rs, DESIGNATION, 'designations', 'designation_id', (d) => d.designationId),

    /** Every cultivation pool with its counts of firms. */
    cultivationPools: () => rs.all<CultivationPoolRow>(`SELECT ${POOL} FROM cultivation_pools ORDER BY pool_code`),

    /** Firms of the pools under the filter, by pool and credit code. */
    poolMembers(filter: PoolMemberFilter, page: Page) {
      const w = where([
        ['pool_code = ?', filter.poolCode],
        ['status = ?', filter.status],
        ['credit_code = ?', filter.creditCode],
      ]);
      return listed<PoolMemberRow>(rs, MEMBER, 'pool_members', w, 'pool_code, status, credit_code', page);
    },

    /** Each target under the filter with what was done towards it, by year, article and code. */
    targetProgress(filter: ProgressFilter): TargetProgressRow[] {
      const w = where([
        ['t.year = ?', filter.year],
        ['t.article = ?', filter.article],
        ['t.lead_unit = ?', filter.leadUnit],
      ]);
      const rows = rs.all<TargetRow & { done: number | null }>(
        `SELECT ${TARGET}, ${DONE} AS done FROM targets t
         LEFT JOIN designation_counts c ON t.measure_kind = 'designations' AND c.kind_code = t.designation_kind AND c.year = t.year
         ${w.clause} ORDER BY t.year, t.article, t.target_code`,
        w.params,
      );
      return rows.map(progressOf);
    },

    /** Activities under the filter, by date. */
    activities(filter: ActivityFilter, page: Page) {
      const w = where([
        ['target_code = ?', filter.targetCode],
        ['unit = ?', filter.unit],
        ['year = ?', filter.year],
      ]);
      return listed<ActivityRow>(rs, ACTIVITY, 'activities', w, 'year, held_on, activity_id', page);
    },
    activitiesById: byKeys<ActivityRow>(rs, ACTIVITY, 'activities', 'activity_id', (a) => a.activityId),
  };
}

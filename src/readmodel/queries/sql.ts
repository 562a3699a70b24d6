/**
 * What every read-model query shares: filters turned into a WHERE clause, offset pages with
 * their total count, and batch lookups by key for DataLoader.
 */
import type { ReadStore } from '../read-store.js';

export interface Page {
  limit: number;
  offset: number;
}

export interface Listed<Row> {
  rows: Row[];
  totalCount: number;
}

/** A lookup by many keys: one result per key, in key order, null for a miss. */
export type Batch<Row> = (keys: readonly string[]) => (Row | null)[];

export interface Where {
  clause: string;
  params: unknown[];
}

/** `WHERE a = ? AND …` from the conditions whose value is given (undefined or null: no condition). */
export function where(conditions: Array<[sql: string, value: unknown]>): Where {
  const given = conditions.filter(([, value]) => value !== undefined && value !== null);
  return {
    clause: given.length ? `WHERE ${given.map(([sql]) => sql).join(' AND ')}` : '',
    params: given.map(([, value]) => value),
  };
}

/** A `LIKE` pattern matching text that contains `fragment` literally. */
export const containing = (fragment: string | undefined) =>
  fragment === undefined ? undefined : `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of `select … from …` under `w`, in order. */
export function pageOf<Row>(rs: ReadStore, select: string, from: string, w: Where, orderBy: string, page: Page): Row[] {
  return rs.all<Row>(`SELECT ${select} FROM ${from} ${w.clause} ORDER BY ${orderBy} LIMIT ? OFFSET ?`, [
    ...w.params,
    page.limit,
    page.offset,
  ]);
}

/** One page, and how many rows the whole filter has. */
export function listed<Row>(rs: ReadStore, select: string, from: string, w: Where, orderBy: string, page: Page): Listed<Row> {
  const totalCount = rs.get<{ n: number }>(`SELECT count(*) AS n FROM ${from} ${w.clause}`, w.params)!.n;
  return { rows: pageOf<Row>(rs, select, from, w, orderBy, page), totalCount };
}

/** One statement for all keys; the rows come back in key order, null where there is none. */
export function byKeys<Row>(rs: ReadStore, select: string, from: string, keyColumn: string, keyOf: (row: Row) => string): Batch<Row> {
  return (keys) => {
    if (keys.length === 0) return [];
    const rows = rs.all<Row>(`SELECT ${select} FROM ${from} WHERE ${keyColumn} IN (SELECT value FROM json_each(?))`, [
      JSON.stringify(keys),
    ]);
    const found = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => found.get(key) ?? null);
  };
}

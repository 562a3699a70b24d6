/** Rows written one by one into a table, awaiting the stream between rows, with a progress count. */
import type { Cell, TableWriter } from './table.js';

/** Called every PROGRESS_EVERY rows and once at the end with the count so far. */
export type Progress = (rows: number) => void;

const PROGRESS_EVERY = 10_000;

/** Writes every row, ends the table, and gives the count. */
export async function writeRows<Row>(
  rows: Iterable<Row> | AsyncIterable<Row>,
  table: TableWriter,
  cellsOf: (row: Row) => Cell[],
  progress: Progress = () => {},
): Promise<number> {
  let count = 0;
  for await (const row of rows) {
    await table.row(cellsOf(row));
    if (++count % PROGRESS_EVERY === 0) progress(count);
  }
  await table.end();
  progress(count);
  return count;
}

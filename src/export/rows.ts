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
  const write = async (row: Row) => {
    await table.row(cellsOf(row));
    if (++count % PROGRESS_EVERY === 0) progress(count);
  };
  // A synchronous source (the read model's pages) is walked with for…of: for await would add a
  // promise per row for nothing.
  if (Symbol.iterator in rows) for (const row of rows) await write(row);
  else for await (const row of rows) await write(row);
  await table.end();
  progress(count);
  return count;
}

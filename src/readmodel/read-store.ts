/**
 * The read store: a SQLite file (WAL) holding the read models and the projections' checkpoints.
 * In embedded mode it may be its own file beside the event file or the event file itself; with
 * EventStoreDB it is a local file of the API instance.
 */
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

type Params = unknown[] | Record<string, unknown>;

const WAL_CHECKPOINT_BYTES = 64 * 2 ** 20;

export interface ReadStore {
  /** The connection the projection runner writes through. */
  readonly db: Database.Database;
  /** Statements run by `all`/`get` since opening: lets a test count what a request costs. */
  readonly stats: { queries: number };
  all<Row>(sql: string, params?: Params): Row[];
  get<Row>(sql: string, params?: Params): Row | undefined;
  /** Rows as arrays of their columns' values, in the select list's order: half the cost of named rows where a batch reads thousands. */
  allArrays<Row extends unknown[]>(sql: string, params?: Params): Row[];
  close(): void;
}

export function openReadStore({ file }: { file: string }): ReadStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Read models are rebuilt from the log: a lost last commit is replayed, never half-applied.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: a batch touches index pages all over the tables; memory stays bounded.
  db.pragma('cache_size = -65536');
  // Checkpoint once the write-ahead log holds 64 MiB rather than after every big batch: a page
  // that several batches rewrite (the random-keyed indexes) is copied into the file once.
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number)}`);
  // The write-ahead log grows with a big batch; give the disk back after each checkpoint.
  db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_BYTES}`);
  const statements = new Map<string, Statement>();
  const arrayStatements = new Map<string, Statement>();
  const stats = { queries: 0 };
  const prepared = (sql: string, cache = statements) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    stats.queries += 1;
    return statement;
  };
  const bind = (params: Params = []) => (Array.isArray(params) ? params : [params]);
  return {
    db,
    stats,
    all: <Row>(sql: string, params?: Params) => prepared(sql).all(...bind(params)) as Row[],
    get: <Row>(sql: string, params?: Params) => prepared(sql).get(...bind(params)) as Row | undefined,
    allArrays: <Row extends unknown[]>(sql: string, params?: Params) => prepared(sql, arrayStatements).raw(true).all(...bind(params)) as Row[],
    close: () => db.close(),
  };
}

/**
 * Reconciliation (对账): replays every event in memory with the read models' independent folds
 * (replay.ts), recomputes every figure of every table the projections declare compared, and
 * compares it with the read models, to the fen. The tables come from the projections themselves:
 * one that says nothing of its replay is refused, so a new read model cannot go unreconciled.
 * It also checks the identities finance relies on (identities.ts).
 */
import type { LedgerEvent } from '../events.js';
import type { EventStore, Position, RecordedEvent } from '../eventstore/port.js';
import type { AnyProjection } from './projection.js';
import type { ReadStore } from './read-store.js';
import { IDENTITY_MODELS, identities, identityFolds } from './identities.js';
import { Replay, type ComparedTable, type Figures, type ModelFigures } from './replay.js';
import { viewName } from './schema.js';

export interface Difference {
  /** `replay`: the read model differs from the events; `identity`: the read model contradicts itself. */
  check: 'replay' | 'identity';
  model: string;
  key: string;
  figure: string;
  expected: unknown;
  actual: unknown;
}

export interface ReconcileReport {
  /** The log position the read models were compared at (undefined: empty log). */
  positions: Array<Position | undefined>;
  events: number;
  differences: Difference[];
  /** Checks that could not be made, and why: the report is complete only when this is empty. */
  skipped: string[];
}

export interface ReconcileOptions {
  store: EventStore;
  readStore: ReadStore;
  projections: AnyProjection[];
  /** Called every `progressEvery` events replayed. */
  onProgress?: (events: number) => void;
  progressEvery?: number;
}

/** A table reconciliation compares: its projection, the view queries read and what the replay must give. */
interface Compared {
  projection: AnyProjection;
  view: string;
  // The table's rows come from its projection's own folds, whatever their states.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  expected: ComparedTable<any>;
}

/** A projection's table with no word on reconciliation: it would be served and never checked. */
class UncoveredTableError extends Error {
  constructor(projection: string, table: string) {
    super(`projection ${projection}: table ${table} is neither compared by its replay nor declared notCompared`);
    this.name = 'UncoveredTableError';
  }
}

/** Every table the projections say the replay must give, in their order; refuses a table they say nothing of. */
function comparedTables(projections: AnyProjection[]): Compared[] {
  return projections.flatMap((projection) => {
    const declared = projection.replay.tables;
    const tables = Object.keys(projection.tables);
    const stray = Object.keys(declared).find((t) => !tables.includes(t));
    if (stray) throw new Error(`projection ${projection.name}: its replay names table ${stray}, which it does not have`);
    return tables.flatMap((table) => {
      const expected = declared[table];
      if (!expected) throw new UncoveredTableError(projection.name, viewName(table));
      return 'notCompared' in expected ? [] : [{ projection, view: viewName(table), expected }];
    });
  });
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const { store, readStore, projections, onProgress, progressEvery = 100_000 } = options;
  const compared = comparedTables(projections);
  const snapshot = readStore.db.transaction(() => ({ checkpoints: servedCheckpoints(readStore, projections), models: readModels(readStore, compared) }))();
  const positions = [...new Set(snapshot.checkpoints.values())].sort(comparePositionsUndefinedFirst);
  const replay = new Replay([...projections.flatMap((p) => Object.values(p.replay.folds)), ...Object.values(identityFolds)]);
  const expected: ModelFigures = new Map();
  let after: Position | undefined;
  for (const position of positions) {
    after = await replayUpTo(store, replay, after, position, (n) => n % progressEvery === 0 && onProgress?.(n));
    for (const { projection, view, expected: table } of compared) {
      if (snapshot.checkpoints.has(projection.name) && snapshot.checkpoints.get(projection.name) === position) {
        expected.set(view, table.rows(replay.statesOf(projection.replay.folds)));
      }
    }
  }
  const differences = compare(expected, snapshot.models);
  const skipped = compared
    .filter(({ view }) => !snapshot.models.has(view))
    .map(({ view }) => `${view} is not compared: no version of its projection is served yet`);
  const unchecked = identitiesUnchecked(positions, snapshot.models);
  if (unchecked) skipped.push(`the identities are not checked: ${unchecked}; reconcile again once they have caught up`);
  else differences.push(...identities(snapshot.models, replay.statesOf(identityFolds)));
  return { positions, events: replay.events, differences, skipped };
}

/** Why the identities cannot be checked now, if they cannot: a model they need is missing, or the models disagree on position. */
function identitiesUnchecked(positions: Array<Position | undefined>, models: ModelFigures): string | undefined {
  const missing = IDENTITY_MODELS.filter((model) => !models.has(model));
  if (missing.length) return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not served yet`;
  if (positions.length > 1) return 'the read models stand at different positions (one is being rebuilt)';
  return undefined;
}

/** One line a finance officer can act on, to the fen. */
export function describeDifference(d: Difference): string {
  const off = typeof d.expected === 'number' && typeof d.actual === 'number' ? ` (off by ${d.actual - d.expected} fen)` : '';
  const sides = d.check === 'replay' ? ['replay', 'read model'] : ['expected', 'read model'];
  return `${d.check} ${d.model}[${d.key}].${d.figure}: ${sides[0]} ${String(d.expected)}, ${sides[1]} ${String(d.actual)}${off}`;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

/** The checkpoint of the version each view is served from, by projection name. */
function servedCheckpoints(rs: ReadStore, projections: AnyProjection[]): Map<string, Position | undefined> {
  const rows = rs.all<{ name: string; position: string | null }>(`SELECT name, position FROM projection_state WHERE active = 1`);
  const served = new Map(rows.map((r) => [r.name, r.position ?? undefined]));
  return new Map(projections.filter((p) => served.has(p.name)).map((p) => [p.name, served.get(p.name)]));
}

function readModels(rs: ReadStore, compared: Compared[]): ModelFigures {
  const models: ModelFigures = new Map();
  for (const { view, expected } of compared) {
    const exists = rs.get(`SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?`, [view]);
    if (!exists) continue;
    const rows = rs.all<Figures & { key: string }>(`SELECT ${expected.key} AS key, ${expected.columns.join(', ')} FROM ${view}`);
    models.set(view, new Map(rows.map(({ key, ...figures }) => [key, expected.read?.(figures) ?? figures])));
  }
  return models;
}

async function replayUpTo(
  store: EventStore,
  replay: Replay,
  after: Position | undefined,
  upTo: Position | undefined,
  progress: (events: number) => void,
): Promise<Position | undefined> {
  if (upTo === undefined) return after;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1_000 });
    for (const event of page) {
      if (event.position > upTo) return after;
      replay.apply(event as unknown as LedgerEvent, event.metadata.documentRef);
      progress(replay.events);
      after = event.position;
    }
    if (page.length === 0) return after;
  }
}

const comparePositionsUndefinedFirst = (a: Position | undefined, b: Position | undefined) =>
  a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1;

// ── Comparing ───────────────────────────────────────────────────────────────────────────────

function compare(expected: ModelFigures, actual: ModelFigures): Difference[] {
  const differences: Difference[] = [];
  for (const [model, rows] of expected) {
    const found = actual.get(model) ?? new Map<string, Figures>();
    for (const key of new Set([...rows.keys(), ...found.keys()])) {
      const [want, got] = [rows.get(key), found.get(key)];
      if (!want || !got) {
        differences.push({ check: 'replay', model, key, figure: '(row)', expected: want ? 'present' : 'absent', actual: got ? 'present' : 'absent' });
        continue;
      }
      for (const figure of Object.keys(want)) {
        if (want[figure] !== got[figure]) differences.push({ check: 'replay', model, key, figure, expected: want[figure], actual: got[figure] });
      }
    }
  }
  return differences;
}

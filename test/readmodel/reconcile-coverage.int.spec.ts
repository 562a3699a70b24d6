/**
 * Reconciliation finds the read models by itself, from the registered projections: a row taken
 * out of any table they serve is reported, unless its projection says, by name, why that table
 * is not compared; a model added in a test fixture is compared without being named anywhere but
 * in its registration; a projection that says nothing of one of its tables is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import type { AnyProjection } from '../../src/readmodel/projection.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { viewName } from '../../src/readmodel/schema.js';
import { countyFirms } from './fixtures/county-firms/county-firms.js';
import { projectionsWithFixture } from './fixtures/projections.js';
import { buildReadModels, load } from './support/read-side.js';

/** The audit tree's tables: `npm run verify -- --store` checks them against the log, not the replay. */
const AUDIT_TREE = ['merkle_leaves', 'merkle_nodes', 'merkle_size'];
const FINANCE_JOURNAL = ['fj_lines', 'fj_grants'];

describe('reconciliation of every registered read model', () => {
  let store: EventStore;
  let readStore: ReadStore;

  const report = (projections: AnyProjection[] = projectionsWithFixture) => reconcile({ store, readStore, projections });

  /** The views the queries could read: every table of every active projection version. */
  const served = () => readStore.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name`).map((v) => v.name);

  const physical = (view: string) => {
    const states = readStore.all<{ tables: string }>(`SELECT tables FROM projection_state WHERE active = 1`);
    return states.map((s) => (JSON.parse(s.tables) as Record<string, string>)[view]).find(Boolean)!;
  };

  /** Reconciles with one row of the view's table taken out, then puts it back. */
  async function withoutOneRow(view: string) {
    const table = physical(view);
    readStore.db.exec('SAVEPOINT tamper');
    try {
      const removed = readStore.db.prepare(`DELETE FROM ${table} WHERE rowid = (SELECT min(rowid) FROM ${table})`).run();
      expect(removed.changes, `${view} has a row to take out`).toBe(1);
      return await report();
    } finally {
      readStore.db.exec('ROLLBACK TO tamper');
      readStore.db.exec('RELEASE tamper');
    }
  }

  beforeEach(async () => {
    store = openSqliteEventStore({ file: ':memory:' });
    readStore = openReadStore({ file: ':memory:' });
    await load(store, 1_000);
    await buildReadModels(store, readStore, projectionsWithFixture);
  });

  afterEach(async () => {
    readStore.close();
    await store.close();
  });

  it('leaves out only the working tables whose projections say why, by name', () => {
    const notCompared = projectionsWithFixture.flatMap((p) =>
      Object.entries(p.replay.tables).flatMap(([table, expected]) => ('notCompared' in expected ? [viewName(table)] : [])),
    );
    expect(notCompared).toEqual(['eb_bookings', 'dh_payees', ...FINANCE_JOURNAL, ...AUDIT_TREE]);
  });

  it('reports a row taken out of any other table served, the fixture model included', async () => {
    expect(await report()).toMatchObject({ differences: [], skipped: [] });
    const views = served();
    expect(views).toEqual(projectionsWithFixture.flatMap((p) => Object.keys(p.tables).map(viewName)).sort());
    expect(views).toContain('county_firms');
    for (const view of views.filter((v) => !['eb_bookings', 'dh_payees', ...AUDIT_TREE, ...FINANCE_JOURNAL].includes(v))) {
      const { differences } = await withoutOneRow(view);
      expect(differences, view).toContainEqual(expect.objectContaining({ check: 'replay', model: view, figure: '(row)', expected: 'present', actual: 'absent' }));
    }
  });

  it('compares the fixture model without being told of it, and finds a wrong figure in it', async () => {
    const { county, firms } = readStore.get<{ county: string; firms: number }>(`SELECT county, firms FROM county_firms ORDER BY firms DESC LIMIT 1`)!;
    readStore.db.prepare(`UPDATE county_firms_v1 SET firms = firms + 1 WHERE county = ?`).run(county);
    expect((await report()).differences).toEqual([
      { check: 'replay', model: 'county_firms', key: county, figure: 'firms', expected: firms, actual: firms + 1 },
    ]);
  });

  it('refuses a projection that says nothing of a table it serves', async () => {
    const silent: AnyProjection = { ...countyFirms, replay: { folds: {}, tables: {} } };
    await expect(report([...ledgerProjections, silent])).rejects.toThrow(
      'projection county-firms: table county_firms is neither compared by its replay nor declared notCompared',
    );
  });
});

/**
 * Reconciliation: clean on read models the runner built, and it finds, to the fen, a figure
 * someone changed behind the ledger's back, a payment that vanished, and the identities it breaks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { describeDifference, reconcile } from '../../src/readmodel/reconcile.js';
import { tablesOf } from '../../src/readmodel/schema.js';
import { testStores } from '../support/stores.js';
import { lifecycles } from './support/lifecycle.js';
import { buildReadModels, load } from './support/read-side.js';

/** The table behind a view, whatever the version of its projection: the tests tamper with the rows the queries read. */
const physical = (view: string) => ledgerProjections.map(tablesOf).find((tables) => tables[view])![view]!;

describe.each(testStores())('reconciliation on $name', (testStore) => {
  let store: EventStore;
  let readStore: ReadStore;

  const report = () => reconcile({ store, readStore, projections: ledgerProjections });
  const lines = async () => (await report()).differences.map(describeDifference);

  beforeEach(async () => {
    store = await testStore.create();
    readStore = openReadStore({ file: ':memory:' });
    await load(store, 1_000);
    await buildReadModels(store, readStore, ledgerProjections);
  });

  afterEach(async () => {
    readStore.close();
    await store.close();
  });

  it('finds no difference between the events and the read models the runner built', async () => {
    const { differences, events, positions, skipped } = await report();
    expect(differences).toEqual([]);
    expect(skipped).toEqual([]);
    expect(events).toBeGreaterThanOrEqual(1_000);
    expect(positions).toEqual([await store.headPosition()]);
  });

  it('finds one fen too many on a budget line, and the identities it breaks', async () => {
    const { id } = readStore.get<{ id: string }>(`SELECT budget_line_id AS id FROM budget_use WHERE disbursed_fen > 0 LIMIT 1`)!;
    readStore.db.prepare(`UPDATE ${physical('budget_use')} SET disbursed_fen = disbursed_fen + 1 WHERE budget_line_id = ?`).run(id);
    const found = await lines();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^replay budget_use\\[${id.replace(/\./g, '\\.')}\\]\\.disbursed_fen: replay \\d+, read model \\d+ \\(off by 1 fen\\)$`)),
        expect.stringMatching(/^replay budget_use\[.*\]\.committed_fen: .* \(off by -1 fen\)$/),
        expect.stringContaining(`identity budget_use[${id}].disbursed_fen = Σ enterprises`),
        expect.stringContaining(`identity budget_use[${id}].disbursed_fen = Σ payments listed`),
        expect.stringContaining(`identity budget_use[${id}].disbursed_fen = Σ journal`),
        expect.stringContaining(`identity budget_use[${id}].committed_fen = Σ journal`),
      ]),
    );
    expect(found).toHaveLength(7);
  });

  it("finds a line whose commitments no longer match the enterprises' approvals (allocated = available + committed + disbursed)", async () => {
    const { id } = readStore.get<{ id: string }>(`SELECT budget_line_id AS id FROM budget_use WHERE commitments_fen > 0 LIMIT 1`)!;
    readStore.db.prepare(`UPDATE ${physical('budget_use')} SET commitments_fen = commitments_fen + 100 WHERE budget_line_id = ?`).run(id);
    expect(await lines()).toEqual(
      expect.arrayContaining([expect.stringContaining(`identity budget_use[${id}].allocated_fen = available + committed + disbursed`)]),
    );
  });

  it('finds a payment missing from the disbursement history', async () => {
    const { id, line } = readStore.get<{ id: string; line: string }>(
      `SELECT disbursement_id AS id, budget_line_id AS line FROM disbursements LIMIT 1`,
    )!;
    readStore.db.prepare(`DELETE FROM ${physical('disbursements')} WHERE disbursement_id = ?`).run(id);
    expect(await lines()).toEqual([
      `replay disbursements[${id}].(row): replay present, read model absent`,
      expect.stringContaining(`identity budget_use[${line}].disbursed_fen = Σ payments listed`),
    ]);
  });

  it('finds a payment listed under the wrong payer, and an application under the wrong county, though no fen is off', async () => {
    const { id, payer } = readStore.get<{ id: string; payer: string }>(`SELECT disbursement_id AS id, payer FROM disbursements LIMIT 1`)!;
    const other = payer === 'municipal' ? 'county' : 'municipal';
    readStore.db.prepare(`UPDATE ${physical('disbursements')} SET payer = ? WHERE disbursement_id = ?`).run(other, id);
    const { app, county } = readStore.get<{ app: string; county: string }>(`SELECT application_id AS app, county FROM applications LIMIT 1`)!;
    readStore.db.prepare(`UPDATE ${physical('applications')} SET county = 'nowhere' WHERE application_id = ?`).run(app);
    expect(await lines()).toEqual(
      expect.arrayContaining([
        `replay disbursements[${id}].payer: replay ${payer}, read model ${other}`,
        `replay applications[${app}].county: replay ${county}, read model nowhere`,
      ]),
    );
    expect(await lines()).toHaveLength(2);
  });

  it('finds an enterprise whose total no longer equals its lines', async () => {
    const { code } = readStore.get<{ code: string }>(`SELECT credit_code AS code FROM enterprise_balances WHERE approved_fen > 0 AND clawback_demanded_fen = 0 LIMIT 1`)!;
    readStore.db.prepare(`UPDATE ${physical('enterprise_balances')} SET waived_fen = waived_fen + 100 WHERE credit_code = ?`).run(code);
    expect(await lines()).toEqual([
      `replay enterprise_balances[${code}].waived_fen: replay 0, read model 100 (off by 100 fen)`,
      `replay enterprise_balances[${code}].outstanding_clawback_fen: replay 0, read model -100 (off by -100 fen)`,
      `identity enterprise_balances[${code}].waived_fen = Σ its lines: expected 0, read model 100 (off by 100 fen)`,
      `identity enterprise_balances[${code}].waived_fen = Σ journal: expected 0, read model 100 (off by 100 fen)`,
    ]);
  });

  it('says which checks it could not make: read models not served yet, and the identities while a model they relate is missing or behind', async () => {
    const [log, partial, history] = [await testStore.create(), openReadStore({ file: ':memory:' }), lifecycles()];
    const only = (...names: string[]) => ledgerProjections.filter((p) => names.includes(p.name));
    const build = (projections: typeof ledgerProjections) => buildReadModels(log, partial, projections);
    try {
      await load(log, 200, history);
      await build(only('budget-use'));
      const budgetOnly = await reconcile({ store: log, readStore: partial, projections: ledgerProjections });
      expect(budgetOnly.differences).toEqual([]);
      expect(budgetOnly.skipped.at(-1)).toBe(
        'the identities are not checked: enterprise_line_balances, enterprise_balances, disbursements, finance_journal are not served yet; reconcile again once they have caught up',
      );
      await load(log, 100, history);
      await build(only('catalog'));
      const { differences, positions, skipped } = await reconcile({ store: log, readStore: partial, projections: ledgerProjections });
      expect(differences).toEqual([]);
      expect(positions).toHaveLength(2);
      expect(skipped).toEqual([
        'enterprises is not compared: no version of its projection is served yet',
        'applications is not compared: no version of its projection is served yet',
        'approvals is not compared: no version of its projection is served yet',
        'enterprise_balances is not compared: no version of its projection is served yet',
        'enterprise_line_balances is not compared: no version of its projection is served yet',
        'disbursements is not compared: no version of its projection is served yet',
        ...['ts_files', 'ts_records', 'ts_payments', 'ts_applications', 'ts_payees', 'ts_resolutions'].map(
          (view) => `${view} is not compared: no version of its projection is served yet`,
        ),
        ...['notices', 'notice_entries', 'objections', 'calendar_years', 'calendar_days'].map(
          (view) => `${view} is not compared: no version of its projection is served yet`,
        ),
        'finance_journal is not compared: no version of its projection is served yet',
        'fj_monthly is not compared: no version of its projection is served yet',
        'fj_daily is not compared: no version of its projection is served yet',
        ...['designation_kinds', 'designations', 'designation_counts', 'cultivation_pools', 'pool_members', 'targets', 'activities'].map(
          (table) => `${table} is not compared: no version of its projection is served yet`,
        ),
        expect.stringMatching(/^the identities are not checked: enterprise_line_balances, enterprise_balances, disbursements, finance_journal are not served yet/),
      ]);
      await build(ledgerProjections);
      await load(log, 100, history);
      await build(only('budget-use'));
      const apart = await reconcile({ store: log, readStore: partial, projections: ledgerProjections });
      expect(apart.differences).toEqual([]);
      expect(apart.skipped).toEqual([expect.stringMatching(/^the identities are not checked: the read models stand at different positions/)]);
    } finally {
      partial.close();
      await log.close();
    }
  });
});

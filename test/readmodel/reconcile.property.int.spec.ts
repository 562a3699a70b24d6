/**
 * Random sequences of ledger commands (some refused, some approvals cut short by a crash and
 * recovered later) while the projection runner is stopped and restarted at random points; then a
 * rebuild of every projection under a new version. Reconciliation finds no difference, ever.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { DomainError } from '../../src/shared/errors.js';
import { yuan } from '../support/domain-fixtures.js';
import { allocate, applicant, as, cashier, director, finance, fixedClock, ledgerWithCatalog, officer, registerFirm } from '../support/domain-ledger.js';
import { crashingAfter, SimulatedCrash } from '../support/domain-stores.js';
import { testStores } from '../support/stores.js';
import { dump } from './support/read-side.js';

const LINES = ['neeq-listing-reward', 'patent-pledge-subsidy', 'sme-special-fund'] as const;
const FACTS = { 'neeq-listing-reward': 'neeq-listing', 'patent-pledge-subsidy': 'patent-pledge-loan', 'sme-special-fund': 'project-contract' };
const fen = fc.integer({ min: 1, max: yuan(200_000) });
const pick = fc.nat({ max: 1_000 });

const submission = { firm: fc.nat({ max: 2 }), line: fc.constantFrom(...LINES), fact: fc.nat({ max: 3 }), fen };
/** The approver's amount, or the rule's (exact for a fixed reward, computed for a cost share); the process may die part-way. */
const approval = {
  app: pick,
  amount: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fen, weight: 1 }),
  crashAfter: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.nat({ max: 4 }), weight: 1 }),
};

const action = fc.oneof(
  /** Submitted, reviewed and approved in one go, stopping at the first refusal. */
  { arbitrary: fc.record({ kind: fc.constant('grant' as const), ...submission, ...approval }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('submit' as const), ...submission }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('review' as const), app: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('approve' as const), ...approval }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('recover' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reject' as const), app: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('withdraw' as const), app: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('disburse' as const), app: pick, fen: fc.integer({ min: 1, max: yuan(20_000) }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('clawback' as const), app: pick, fen: fc.integer({ min: 1, max: yuan(10_000) }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('repay' as const), app: pick, fen: fc.integer({ min: 1, max: yuan(10_000) }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('waive' as const), app: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), line: fc.constantFrom(...LINES), delta: fc.integer({ min: -yuan(300_000), max: yuan(300_000) }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('restart-projections' as const) }), weight: 2 },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

interface World {
  store: EventStore;
  ledger: Ledger;
  firms: string[];
  apps: string[];
  /** Submitted and reviewed: what approvals are aimed at. */
  reviewed: string[];
  /** What each application asked for, on which line. */
  requests: Map<string, { line: (typeof LINES)[number]; fen: number }>;
  approved: string[];
  clawbacks: Array<{ applicationId: string; clawbackId: string }>;
  budgets: Map<string, string>;
}

const at = <T>(items: T[], index: number): T | undefined => items[index % Math.max(items.length, 1)];

type Submit = Omit<Extract<Action, { kind: 'submit' }>, 'kind'>;
type Approve = Omit<Extract<Action, { kind: 'approve' }>, 'kind'>;

async function submit(w: World, a: Submit): Promise<string> {
  const requestedFen = a.line === 'neeq-listing-reward' ? yuan(500_000) : a.fen;
  const evidence = a.line === 'patent-pledge-subsidy' ? { costsFen: { interest: a.fen * 2 } } : {};
  const qualifyingFact = { kind: FACTS[a.line], reference: `fact-${a.firm}-${a.fact}` };
  const input = { creditCode: w.firms[a.firm]!, lineCode: a.line, fiscalYear: 2016, requestedFen, evidence, qualifyingFact };
  const { applicationId } = await w.ledger.submitApplication(input, applicant());
  w.apps.push(applicationId);
  w.requests.set(applicationId, { line: a.line, fen: requestedFen });
  return applicationId;
}

async function review(w: World, applicationId: string): Promise<void> {
  await w.ledger.reviewApplication({ applicationId, opinion: '材料齐全' }, officer());
  w.reviewed.push(applicationId);
}

async function approve(w: World, applicationId: string, a: Approve): Promise<void> {
  const ledger = a.crashAfter === null ? w.ledger : createLedger({ store: crashingAfter(w.store, a.crashAfter), clock: fixedClock });
  // Without an amount of its own, the approver grants a per-case request in full and lets the rule decide the others.
  const request = w.requests.get(applicationId)!;
  const amountFen = a.amount ?? (request.line === 'sme-special-fund' ? request.fen : undefined);
  await ledger.approveApplication({ applicationId, amountFen }, director());
  w.approved.push(applicationId);
}

async function act(w: World, a: Action): Promise<unknown> {
  const app = 'app' in a ? at(w.apps, a.app) : undefined;
  const paidApp = 'app' in a ? at(w.approved, a.app) : undefined;
  const claw = 'app' in a ? at(w.clawbacks, a.app) : undefined;
  switch (a.kind) {
    case 'grant': {
      const applicationId = await submit(w, a);
      await review(w, applicationId);
      return approve(w, applicationId, a);
    }
    case 'submit':
      return submit(w, a);
    case 'review':
      return app && review(w, app);
    case 'approve': {
      const candidate = at(w.reviewed, a.app);
      return candidate && approve(w, candidate, a);
    }
    case 'recover':
      return w.ledger.recoverPendingApprovals();
    case 'reject':
      return app && w.ledger.rejectApplication({ applicationId: app, reason: '不符合条件' }, officer());
    case 'withdraw':
      return app && w.ledger.withdrawApplication({ applicationId: app }, applicant());
    case 'disburse':
      return paidApp && w.ledger.recordDisbursement({ applicationId: paidApp, amountFen: a.fen, paidOn: '2016-07-01', paymentReference: '许财拨' }, cashier());
    case 'clawback': {
      if (!paidApp) return;
      const { clawbackId } = await w.ledger.demandClawback({ applicationId: paidApp, amountFen: a.fen, reason: '追回' }, officer());
      return w.clawbacks.push({ applicationId: paidApp, clawbackId });
    }
    case 'repay':
      return claw && w.ledger.recordRepayment({ ...claw, amountFen: a.fen, paidOn: '2016-09-01', paymentReference: '许财缴' }, cashier());
    case 'waive':
      return claw && w.ledger.waiveClawback({ ...claw, reason: '核销' }, as('director-liu'));
    case 'adjust':
      return w.ledger.adjustBudget({ budgetLineId: w.budgets.get(a.line)!, deltaFen: a.delta, reason: '调整' }, finance());
    case 'restart-projections':
      return;
  }
}

async function world(store: EventStore): Promise<World> {
  const ledger = await ledgerWithCatalog(store);
  const firms = [await registerFirm(ledger, 1), await registerFirm(ledger, 2), await registerFirm(ledger, 3, 'enterprise', 'changge')];
  const budgets = new Map<string, string>();
  for (const line of LINES) budgets.set(line, await allocate(ledger, line, yuan(800_000)));
  return { store, ledger, firms, apps: [], reviewed: [], requests: new Map(), approved: [], clawbacks: [], budgets };
}

const differences = async (store: EventStore, readStore: ReadStore, projections = ledgerProjections) =>
  (await reconcile({ store, readStore, projections })).differences;

describe.each(testStores())('reconciliation after random commands on $name', (testStore) => {
  it('finds no difference after restarts of the projections, and none after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 40 }), async (actions) => {
        const store = await testStore.create();
        const readStore = openReadStore({ file: ':memory:' });
        const start = async (projections = ledgerProjections) => {
          const runner = createProjectionRunner({ store, readStore, projections, batchSize: 7 });
          await runner.start();
          return runner;
        };
        let runner = await start();
        try {
          const w = await world(store);
          for (const a of actions) {
            if (a.kind === 'restart-projections') {
              await runner.stop();
              runner = await start();
            }
            await act(w, a).catch((error: unknown) => {
              if (!(error instanceof DomainError) && !(error instanceof SimulatedCrash)) throw error;
            });
          }
          await runner.catchUp();
          expect(await differences(store, readStore)).toEqual([]);
          const before = dump(readStore, ledgerProjections);
          await runner.stop();
          const nextVersion = ledgerProjections.map((p) => ({ ...p, version: p.version + 1 }));
          runner = await start(nextVersion);
          await runner.catchUp();
          expect(await differences(store, readStore, nextVersion)).toEqual([]);
          expect(dump(readStore, nextVersion)).toEqual(before);
        } finally {
          await runner.stop();
          readStore.close();
          await store.close();
        }
      }),
      { numRuns: testStore.name === 'sqlite' ? 40 : 6 },
    );
  });
});

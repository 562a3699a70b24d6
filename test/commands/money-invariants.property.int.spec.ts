/**
 * Random sequences of commands from applicants, officers, directors, cashiers and Finance
 * (some refused, some sent twice): after every step, DOMAIN.md's money invariants hold.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import type { CommandContext, Ledger } from '../../src/ledger.js';
import { DomainError } from '../../src/shared/errors.js';
import { yuan } from '../support/domain-fixtures.js';
import { moneyInvariantViolations } from '../support/domain-invariants.js';
import { allocate, as, ledgerWithCatalog, readLog, registerFirm } from '../support/domain-ledger.js';
import { testStores } from '../support/stores.js';

const LINES = ['neeq-listing-reward', 'patent-pledge-subsidy', 'sme-special-fund', 'scale-up-reward', 'scale-up-county-match'] as const;
const FACT_KINDS: Record<(typeof LINES)[number], string[]> = {
  'neeq-listing-reward': ['neeq-listing'],
  'patent-pledge-subsidy': ['patent-pledge-loan'],
  'sme-special-fund': ['neeq-listing', 'scale-up-statistics', 'patent-pledge-loan'],
  'scale-up-reward': ['scale-up-statistics'],
  'scale-up-county-match': ['scale-up-statistics'],
};
const PEOPLE = ['applicant-wang', 'officer-li', 'director-zhang', 'director-liu', 'cashier-zhao'];
/** Approvers: mostly directors, sometimes someone the four-eyes rule stops. */
const APPROVERS = ['director-zhang', 'director-liu', 'director-zhang', 'director-liu', 'officer-li', 'applicant-wang'];

/** Mostly amounts that fit a grant, sometimes ones that do not. */
const fen = fc.oneof({ arbitrary: fc.integer({ min: 1, max: yuan(60_000) }), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: yuan(600_000) }), weight: 1 });
const pick = fc.nat({ max: 1_000 });
const submission = {
  firm: fc.nat({ max: 2 }),
  line: fc.constantFrom(...LINES),
  factKind: pick,
  fact: fc.nat({ max: 2 }),
  requested: fen,
  costs: fen,
};

const action = fc.oneof(
  /** Submitted, reviewed and approved in one go (stopping at the first refusal). */
  { arbitrary: fc.record({ kind: fc.constant('grant' as const), ...submission, by: fc.constantFrom(...APPROVERS), amount: fc.option(fen, { nil: undefined, freq: 2 }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('submit' as const), ...submission }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('review' as const), app: pick, by: fc.constantFrom(...PEOPLE) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('approve' as const), app: pick, by: fc.constantFrom(...APPROVERS), amount: fc.option(fen, { nil: undefined }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('reject' as const), app: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('withdraw' as const), app: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('disburse' as const), app: pick, amount: fen, by: fc.constantFrom('cashier-zhao', 'cashier-zhao', 'director-zhang') }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('clawback' as const), app: pick, amount: fen }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('repay' as const), app: pick, clawback: pick, amount: fen }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('waive' as const), app: pick, clawback: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), line: fc.constantFrom(...LINES), delta: fc.integer({ min: -yuan(500_000), max: yuan(500_000) }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('resend' as const), step: pick }), weight: 2 },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

/** What the run has created so far, to point later actions at. */
interface World {
  ledger: Ledger;
  firms: string[];
  apps: string[];
  /** Applications approved so far: where payments and clawbacks are aimed. */
  approved: string[];
  clawbacks: Map<string, string[]>;
  budgets: Map<string, string>;
  sent: Array<() => Promise<unknown>>;
}

const at = <T>(items: T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

type Submission = Extract<Action, { kind: 'submit' }>;

async function submit(world: World, a: Omit<Submission, 'kind'>, ctx: (by: string, step?: string) => CommandContext): Promise<string> {
  const factKind = FACT_KINDS[a.line][a.factKind % FACT_KINDS[a.line].length]!;
  const evidence = a.line === 'patent-pledge-subsidy' ? { costsFen: { interest: a.costs } } : {};
  const requestedFen = a.line === 'neeq-listing-reward' ? yuan(500_000) : a.line === 'scale-up-reward' ? yuan(20_000) : a.requested;
  const qualifyingFact = { kind: factKind, reference: `fact-${a.fact}` };
  const input = { creditCode: world.firms[a.firm]!, lineCode: a.line, fiscalYear: 2016, qualifyingFact, requestedFen, evidence };
  return (await world.ledger.submitApplication(input, ctx('applicant-wang'))).applicationId;
}

function command(world: World, a: Action, ctx: (by: string, step?: string) => CommandContext): (() => Promise<unknown>) | undefined {
  const { ledger } = world;
  const money = ['disburse', 'clawback', 'repay', 'waive'].includes(a.kind);
  const app = 'app' in a ? at(money ? world.approved : world.apps, a.app) : undefined;
  switch (a.kind) {
    case 'submit':
      return async () => world.apps.push(await submit(world, a, ctx));
    case 'grant':
      return async () => {
        const applicationId = await submit(world, a, ctx);
        world.apps.push(applicationId);
        await ledger.reviewApplication({ applicationId, opinion: '审核意见' }, ctx('officer-li', 'review'));
        // Per-case lines need the approver's amount: without one in the action, the amount requested.
        const perCase = a.line === 'sme-special-fund' || a.line === 'scale-up-county-match';
        const amountFen = a.amount ?? (perCase ? a.requested : undefined);
        await ledger.approveApplication({ applicationId, amountFen }, ctx(a.by, 'approve'));
        world.approved.push(applicationId);
      };
    case 'review':
      return app === undefined ? undefined : (() => ledger.reviewApplication({ applicationId: app, opinion: '审核意见' }, ctx(a.by)));
    case 'approve':
      return app === undefined ? undefined : async () => {
        await ledger.approveApplication({ applicationId: app, amountFen: a.amount }, ctx(a.by));
        world.approved.push(app);
      };
    case 'reject':
      return app === undefined ? undefined : (() => ledger.rejectApplication({ applicationId: app, reason: '不符合条件' }, ctx('officer-li')));
    case 'withdraw':
      return app === undefined ? undefined : (() => ledger.withdrawApplication({ applicationId: app }, ctx('applicant-wang')));
    case 'disburse':
      return app === undefined ? undefined : (() => ledger.recordDisbursement({ applicationId: app, amountFen: a.amount, paidOn: '2016-07-01', paymentReference: 'P' }, ctx(a.by)));
    case 'clawback':
      return app === undefined ? undefined : (async () => {
        const { clawbackId } = await ledger.demandClawback({ applicationId: app, amountFen: a.amount, reason: '追回' }, ctx('officer-li'));
        world.clawbacks.set(app, [...(world.clawbacks.get(app) ?? []), clawbackId]);
      });
    case 'repay': {
      const clawbackId = app === undefined ? undefined : at(world.clawbacks.get(app) ?? [], a.clawback);
      return app === undefined || clawbackId === undefined ? undefined : (() => ledger.recordRepayment({ applicationId: app, clawbackId, amountFen: a.amount, paidOn: '2016-09-01', paymentReference: 'R' }, ctx('cashier-zhao')));
    }
    case 'waive': {
      const clawbackId = app === undefined ? undefined : at(world.clawbacks.get(app) ?? [], a.clawback);
      return app === undefined || clawbackId === undefined ? undefined : (() => ledger.waiveClawback({ applicationId: app, clawbackId, reason: '核销' }, ctx('director-zhang')));
    }
    case 'adjust': {
      const budgetLineId = world.budgets.get(a.line)!;
      return () => ledger.adjustBudget({ budgetLineId, deltaFen: a.delta, reason: '调整' }, ctx('finance-chen'));
    }
    case 'resend':
      return at(world.sent, a.step);
  }
}

async function setUp(store: EventStore): Promise<World> {
  const ledger = await ledgerWithCatalog(store);
  const firms = [await registerFirm(ledger, 1), await registerFirm(ledger, 2), await registerFirm(ledger, 3, 'enterprise', 'changge')];
  const budgets = new Map<string, string>();
  for (const line of LINES) {
    const payers = line === 'scale-up-county-match' ? ['county-yuzhou', 'county-changge'] : ['municipal'];
    const amount = line === 'neeq-listing-reward' ? yuan(700_000) : yuan(150_000);
    for (const payer of payers) budgets.set(line, await allocate(ledger, line, amount, payer));
  }
  return { ledger, firms, apps: [], approved: [], clawbacks: new Map(), budgets, sent: [] };
}

describe.each(testStores())('money invariants under random commands on $name', (testStore) => {
  it('hold after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 40 }), async (actions) => {
        const store = await testStore.create();
        try {
          const world = await setUp(store);
          for (const a of actions) {
            // One idempotency key per action: a resend is the very same command.
            const key = randomUUID();
            const send = command(world, a, (by, step = '') => as(by, { idempotencyKey: `${key}${step}` }));
            if (!send) continue;
            if (a.kind !== 'resend') world.sent.push(send);
            await send().catch((error: unknown) => {
              if (!(error instanceof DomainError)) throw error;
            });
            expect(moneyInvariantViolations(await readLog(store), { settled: true })).toEqual([]);
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: testStore.name === 'sqlite' ? 60 : 8 },
    );
  });
});

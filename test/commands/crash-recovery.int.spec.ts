/**
 * A process dying between the appends of one approval: whatever it left, the money invariants
 * hold, the recovery finds it, and completes or compensates it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { budgetStream } from '../../src/budget/budget.js';
import { findPendingApprovals } from '../../src/commands/recovery.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { moneyInvariantViolations } from '../support/domain-invariants.js';
import { allocate, director, finance, fixedClock, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { crashingAfter, interleaving, SimulatedCrash } from '../support/domain-stores.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';

/** CommandAccepted, ApprovalStarted, FactClaimed, EntitlementReserved, BudgetCommitted, ApplicationApproved, CommandRecorded. */
const APPENDS_OF_AN_APPROVAL = 7;

describe.each(testStores())('crashes during an approval on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  let app: string;
  let budget: string;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)));
  beforeEach(async () => {
    budget = await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
    const firm = await registerFirm(ledger, 21);
    app = await reviewedApplication(ledger, firm, 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕21号' }, yuan(500_000));
  });

  const violations = async (settled: boolean) => moneyInvariantViolations(await readLog(store), { settled });

  it.each(Array.from({ length: APPENDS_OF_AN_APPROVAL }, (_, n) => n))('completes the approval after a crash after %i appends', async (appends) => {
    const ctx = director();
    const dying = createLedger({ store: crashingAfter(store, appends), clock: fixedClock });
    await expect(dying.approveApplication({ applicationId: app }, ctx)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await violations(false)).toEqual([]);
    // After the claim alone nothing has started; after the approval nothing is left half-done.
    const halfDone = appends >= 2 && appends <= 5;
    expect(await findPendingApprovals(store)).toEqual(halfDone ? [app] : []);

    const outcomes = await ledger.recoverPendingApprovals();
    expect(outcomes.map((o) => o.outcome)).toEqual(halfDone ? ['approved'] : []);
    expect(await violations(true)).toEqual([]);
    expect(await findPendingApprovals(store)).toEqual([]);

    // The officer's retry answers with the same approval, whatever the crash left.
    const retried = await ledger.approveApplication({ applicationId: app }, ctx);
    expect(retried).toMatchObject({ applicationId: app, amountFen: yuan(500_000) });
    expect((await readLog(store)).filter((e) => e.type === 'ApplicationApproved')).toHaveLength(1);
  });

  /** Finance cuts the line before the commit, so the approval is abandoned; the process dies while compensating. */
  it.each([4, 5, 6, 7])('compensates an abandoned approval after a crash after %i appends', async (appends) => {
    const cut = () => ledger.adjustBudget({ budgetLineId: budget, deltaFen: -yuan(1), reason: '预算调减' }, finance());
    const dying = createLedger({ store: interleaving(crashingAfter(store, appends), (s) => s === budgetStream(budget), cut), clock: fixedClock });
    await expect(dying.approveApplication({ applicationId: app }, director())).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await violations(false)).toEqual([]);
    expect(await findPendingApprovals(store)).toEqual([app]);

    expect(await ledger.recoverPendingApprovals()).toEqual([
      expect.objectContaining({ outcome: 'abandoned', applicationId: app, code: 'BUDGET_EXCEEDED' }),
    ]);
    expect((await readLog(store)).filter((e) => e.type === 'ApprovalAbandoned')).toHaveLength(1);
    expect(await violations(true)).toEqual([]);
    expect(await findPendingApprovals(store)).toEqual([]);
    const releases = (await readLog(store)).filter((e) => e.type.endsWith('Released')).map((e) => e.type);
    expect(releases.sort()).toEqual(['EntitlementReleased', 'FactClaimReleased']);
  });

  it('lets a new approval finish what a crashed one left', async () => {
    const dying = createLedger({ store: crashingAfter(store, 2), clock: fixedClock });
    await expect(dying.approveApplication({ applicationId: app }, director())).rejects.toBeInstanceOf(SimulatedCrash);
    // Another director tries: the half-done approval is completed first, so this one finds the grant approved.
    await expectRejectsWith(ledger.approveApplication({ applicationId: app }, director()), 'INVALID_TRANSITION', /approved/);
    expect(await violations(true)).toEqual([]);
  });
});

/**
 * Approvals decided at the same moment on the embedded store: the streams' exact revisions
 * decide who gets the last money, the one fact, the yearly cap.
 */
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import type { Ledger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { committedByBudgetLine } from '../support/domain-invariants.js';
import { allocate, director, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';

const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? 'approved' : (r.reason as { code?: string }).code ?? String(r.reason))).sort();

describe.each(testStores())('concurrent approvals on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)), { checkMoney: true });

  it('gives the last ¥1,500,000 of the NEEQ line to exactly three of eight listed firms', async () => {
    const budget = await allocate(ledger, 'neeq-listing-reward', yuan(1_500_000));
    const apps: string[] = [];
    for (let i = 0; i < 8; i++) {
      const firm = await registerFirm(ledger, 100 + i);
      apps.push(await reviewedApplication(ledger, firm, 'neeq-listing-reward', { kind: 'neeq-listing', reference: `股转系统函〔2016〕${100 + i}号` }, yuan(500_000)));
    }
    const results = await Promise.allSettled(apps.map((applicationId) => ledger.approveApplication({ applicationId }, director())));
    expect(codes(results)).toEqual([...Array(5).fill('BUDGET_EXCEEDED'), ...Array(3).fill('approved')]);
    const log = await readLog(store);
    expect(committedByBudgetLine(log).get(budget)).toBe(yuan(1_500_000));
    // Each loser was refused by its dry run (writing nothing) or abandoned after losing the race at the commit.
    const count = (type: string) => log.filter((e) => e.type === type).length;
    expect(count('ApprovalStarted')).toBe(3 + count('ApprovalAbandoned'));
  });

  it('awards one listing once, when the NEEQ reward and the special fund are approved at the same moment', async () => {
    await allocate(ledger, 'neeq-listing-reward', yuan(1_000_000));
    await allocate(ledger, 'sme-special-fund', yuan(1_000_000));
    const firm = await registerFirm(ledger, 120);
    const listing = { kind: 'neeq-listing', reference: '股转系统函〔2016〕120号' };
    const reward = await reviewedApplication(ledger, firm, 'neeq-listing-reward', listing, yuan(500_000));
    const fund = await reviewedApplication(ledger, firm, 'sme-special-fund', listing, yuan(300_000));
    const results = await Promise.allSettled([
      ledger.approveApplication({ applicationId: reward }, director()),
      ledger.approveApplication({ applicationId: fund, amountFen: yuan(300_000) }, director()),
    ]);
    expect(codes(results)).toEqual(['DOUBLE_DIPPING', 'approved']);
  });

  it('keeps one firm within the ¥100,000 patent-pledge cap when two claims are approved at the same moment', async () => {
    await allocate(ledger, 'patent-pledge-subsidy', yuan(1_000_000));
    const firm = await registerFirm(ledger, 130);
    const costs = { costsFen: { interest: yuan(150_000) } };
    const apps = [
      await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', { kind: 'patent-pledge-loan', reference: 'L-1' }, yuan(75_000), costs),
      await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', { kind: 'patent-pledge-loan', reference: 'L-2' }, yuan(75_000), costs),
    ];
    const results = await Promise.allSettled(apps.map((applicationId) => ledger.approveApplication({ applicationId }, director())));
    expect(codes(results)).toEqual(['CAP_EXCEEDED', 'approved']);
    // The refused one is approved afterwards at what remains of the cap.
    const refused = apps[results.findIndex((r) => r.status === 'rejected')]!;
    expect(await ledger.approveApplication({ applicationId: refused }, director())).toMatchObject({ amountFen: yuan(25_000) });
  });

  it('approves once when the same approval is sent twice and recovered at the same moment', async () => {
    await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
    const firm = await registerFirm(ledger, 140);
    const app = await reviewedApplication(ledger, firm, 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕140号' }, yuan(500_000));
    const ctx = director();
    const [a, b] = await Promise.all([
      ledger.approveApplication({ applicationId: app }, ctx),
      ledger.approveApplication({ applicationId: app }, ctx),
      ledger.recoverPendingApprovals(),
    ]);
    expect(a).toEqual(b);
    expect((await readLog(store)).filter((e) => e.type === 'ApplicationApproved')).toHaveLength(1);
  });
});

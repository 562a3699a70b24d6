/**
 * The approval process through the ledger's facade, with the policy's own numbers.
 */
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { budgetStream } from '../../src/budget/budget.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { interleaving } from '../support/domain-stores.js';
import { yuan } from '../support/domain-fixtures.js';
import { committedByBudgetLine } from '../support/domain-invariants.js';
import { allocate, as, director, finance, fixedClock, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';

describe.each(testStores())('approvals on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)), { checkMoney: true });

  const loan = (n: number) => ({ kind: 'patent-pledge-loan', reference: `许银质押〔2016〕${n}号` });
  const listing = (n: number) => ({ kind: 'neeq-listing', reference: `股转系统函〔2016〕${n}号` });
  const scaleUp = { kind: 'scale-up-statistics', reference: '禹统〔2016〕规上第23号' };

  describe('the patent-pledge subsidy (50% of costs, at most ¥100,000 a year)', () => {
    it('approves ¥75,000 of a ¥150,000 cost claim, then caps a second claim at what remains: ¥25,000', async () => {
      const firm = await registerFirm(ledger, 1);
      await allocate(ledger, 'patent-pledge-subsidy', yuan(2_000_000));
      const first = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(1), yuan(100_000), {
        costsFen: { interest: yuan(120_000), appraisal: yuan(30_000) },
      });
      expect(await ledger.approveApplication({ applicationId: first }, director())).toMatchObject({ amountFen: yuan(75_000) });

      const second = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(2), yuan(100_000), {
        costsFen: { interest: yuan(100_000) },
      });
      expect(await ledger.approveApplication({ applicationId: second }, director())).toMatchObject({ amountFen: yuan(25_000) });

      const third = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(3), yuan(10_000), {
        costsFen: { insurance: yuan(20_000) },
      });
      const head = await store.headPosition();
      await expectRejectsWith(ledger.approveApplication({ applicationId: third }, director()), 'CAP_EXCEEDED');
      expect(await store.headPosition()).toBe(head);
      expect(committedByBudgetLine(await readLog(store)).get('patent-pledge-subsidy.2016.municipal')).toBe(yuan(100_000));
    });

    it('counts each fiscal year on its own', async () => {
      const firm = await registerFirm(ledger, 1);
      await allocate(ledger, 'patent-pledge-subsidy', yuan(2_000_000), 'municipal', 2015);
      await allocate(ledger, 'patent-pledge-subsidy', yuan(2_000_000));
      const costs = { costsFen: { interest: yuan(300_000) } };
      const in2015 = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(1), yuan(100_000), costs, 2015);
      const in2016 = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(2), yuan(100_000), costs);
      expect(await ledger.approveApplication({ applicationId: in2015 }, director())).toMatchObject({ amountFen: yuan(100_000) });
      expect(await ledger.approveApplication({ applicationId: in2016 }, director())).toMatchObject({ amountFen: yuan(100_000) });
    });

    it("pays the next year's interest on the same pledge loan, but not twice in one year", async () => {
      const firm = await registerFirm(ledger, 5);
      await allocate(ledger, 'patent-pledge-subsidy', yuan(2_000_000), 'municipal', 2015);
      await allocate(ledger, 'patent-pledge-subsidy', yuan(2_000_000));
      const costs = { costsFen: { interest: yuan(40_000) } };
      const in2015 = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(9), yuan(20_000), costs, 2015);
      const in2016 = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(9), yuan(20_000), costs);
      const again2016 = await reviewedApplication(ledger, firm, 'patent-pledge-subsidy', loan(9), yuan(20_000), costs);
      expect(await ledger.approveApplication({ applicationId: in2015 }, director())).toMatchObject({ amountFen: yuan(20_000) });
      expect(await ledger.approveApplication({ applicationId: in2016 }, director())).toMatchObject({ amountFen: yuan(20_000) });
      await expectRejectsWith(ledger.approveApplication({ applicationId: again2016 }, director()), 'ALREADY_AWARDED', /for 2016/);
    });
  });

  describe('the NEEQ listing reward (fixed ¥500,000, once per beneficiary)', () => {
    it('is approved once and refused the second time', async () => {
      const firm = await registerFirm(ledger, 2);
      await allocate(ledger, 'neeq-listing-reward', yuan(5_000_000));
      const first = await reviewedApplication(ledger, firm, 'neeq-listing-reward', listing(1), yuan(500_000));
      expect(await ledger.approveApplication({ applicationId: first }, director())).toMatchObject({ amountFen: yuan(500_000) });
      const again = await reviewedApplication(ledger, firm, 'neeq-listing-reward', listing(2), yuan(500_000));
      await expectRejectsWith(ledger.approveApplication({ applicationId: again }, director()), 'ALREADY_AWARDED', /once per beneficiary/);
    });

    it('is refused when the line has less than ¥500,000 left, and the budget never goes below zero', async () => {
      await allocate(ledger, 'neeq-listing-reward', yuan(800_000));
      const a = await reviewedApplication(ledger, await registerFirm(ledger, 3), 'neeq-listing-reward', listing(3), yuan(500_000));
      const b = await reviewedApplication(ledger, await registerFirm(ledger, 4), 'neeq-listing-reward', listing(4), yuan(500_000));
      await ledger.approveApplication({ applicationId: a }, director());
      await expectRejectsWith(ledger.approveApplication({ applicationId: b }, director()), 'BUDGET_EXCEEDED', /available ¥300000.00/);
    });

    it('cannot be approved by the officer who reviewed it (四眼原则)', async () => {
      await allocate(ledger, 'neeq-listing-reward', yuan(800_000));
      const a = await reviewedApplication(ledger, await registerFirm(ledger, 3), 'neeq-listing-reward', listing(3), yuan(500_000));
      await expectRejectsWith(ledger.approveApplication({ applicationId: a }, as('officer-li')), 'FOUR_EYES');
    });
  });

  describe('the scale-up reward and its county match (配套奖励)', () => {
    it('refuses the county match before the municipal reward, and pays it from the county after', async () => {
      const firm = await registerFirm(ledger, 5, 'enterprise', 'yuzhou');
      await allocate(ledger, 'scale-up-reward', yuan(200_000));
      const countyBudget = await allocate(ledger, 'scale-up-county-match', yuan(100_000), 'county-yuzhou');
      const match = await reviewedApplication(ledger, firm, 'scale-up-county-match', scaleUp, yuan(10_000));
      await expectRejectsWith(ledger.approveApplication({ applicationId: match, amountFen: yuan(10_000) }, director()), 'PREREQUISITE_MISSING');

      const reward = await reviewedApplication(ledger, firm, 'scale-up-reward', scaleUp, yuan(20_000));
      expect(await ledger.approveApplication({ applicationId: reward }, director())).toMatchObject({ amountFen: yuan(20_000) });
      expect(await ledger.approveApplication({ applicationId: match, amountFen: yuan(10_000) }, director())).toMatchObject({ amountFen: yuan(10_000) });
      expect(countyBudget).toBe('scale-up-county-match.2016.county-yuzhou');
      expect(committedByBudgetLine(await readLog(store)).get(countyBudget)).toBe(yuan(10_000));
    });
  });

  describe('one qualifying fact in one exclusivity group (不重复享受)', () => {
    it('backs the NEEQ reward, and is refused for the special fund', async () => {
      const firm = await registerFirm(ledger, 6);
      await allocate(ledger, 'neeq-listing-reward', yuan(1_000_000));
      await allocate(ledger, 'sme-special-fund', yuan(1_000_000));
      const reward = await reviewedApplication(ledger, firm, 'neeq-listing-reward', listing(6), yuan(500_000));
      const fund = await reviewedApplication(ledger, firm, 'sme-special-fund', listing(6), yuan(200_000));
      await ledger.approveApplication({ applicationId: reward }, director());
      await expectRejectsWith(ledger.approveApplication({ applicationId: fund, amountFen: yuan(200_000) }, director()), 'DOUBLE_DIPPING', /neeq-listing-reward/);
    });
  });

  describe('an approval refused while its reservations were being taken', () => {
    it('is abandoned with the refusal, releases what it held, and the same command returns the same refusal', async () => {
      const firm = await registerFirm(ledger, 7);
      const budget = await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
      const app = await reviewedApplication(ledger, firm, 'neeq-listing-reward', listing(7), yuan(500_000));
      // Finance cuts the line after the approval checked it and before it commits: the commit fails.
      const cut = () => ledger.adjustBudget({ budgetLineId: budget, deltaFen: -yuan(100_000), reason: '预算调减' }, finance());
      const racing = createLedger({ store: interleaving(store, (s) => s === budgetStream(budget), cut), clock: fixedClock });
      const ctx = director();
      await expectRejectsWith(racing.approveApplication({ applicationId: app }, ctx), 'BUDGET_EXCEEDED', /available ¥400000.00/);
      const types = (await readLog(store)).map((e) => e.type).filter((t) => !t.startsWith('Command'));
      expect(types.slice(-7)).toEqual([
        'ApprovalStarted', 'FactClaimed', 'EntitlementReserved', 'BudgetAdjusted', 'ApprovalAbandoned', 'EntitlementReleased', 'FactClaimReleased',
      ]);
      const head = await store.headPosition();
      await expectRejectsWith(ledger.approveApplication({ applicationId: app }, ctx), 'BUDGET_EXCEEDED');
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('every event of a command', () => {
    it('records who, when, why and under which document', async () => {
      const firm = await registerFirm(ledger, 8);
      await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
      const app = await reviewedApplication(ledger, firm, 'neeq-listing-reward', listing(8), yuan(500_000));
      const ctx = as('director-zhang', { correlationId: 'case-2016-118', documentRef: '许金办〔2016〕21号' });
      const { approvalId } = await ledger.approveApplication({ applicationId: app }, ctx);
      const mine = (await readLog(store)).filter((e) => (e.data as { approvalId?: string }).approvalId === approvalId);
      expect(mine.map((e) => e.type)).toEqual(['ApprovalStarted', 'FactClaimed', 'EntitlementReserved', 'BudgetCommitted', 'ApplicationApproved']);
      const causation = mine[0]!.metadata.causationId;
      for (const event of mine) {
        expect(event.metadata).toMatchObject({
          actorId: 'director-zhang',
          actorRole: 'DIRECTOR',
          correlationId: 'case-2016-118',
          causationId: causation,
          documentRef: '许金办〔2016〕21号',
          schemaVersion: 1,
          recordedAt: '2016-06-01T09:00:00.000Z',
        });
        expect(event.metadata.payloadHash).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });
});

/**
 * The same command sent twice is handled once; the same key with another payload is refused;
 * a crash between a command's events and its record changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { creditCode, yuan } from '../support/domain-fixtures.js';
import { allocate, as, cashier, director, finance, fixedClock, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { crashingAfter, dyingAt, gate, interleaving, SimulatedCrash, takingTurns } from '../support/domain-stores.js';
import { moneyInvariantViolations } from '../support/domain-invariants.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';

describe.each(testStores())('idempotency on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)));

  const firm = { creditCode: creditCode(11), name: '长葛市蜂产品有限公司', county: 'changge', kind: 'enterprise' as const };
  const count = async (type: string) => (await readLog(store)).filter((e) => e.type === type).length;
  /** A ledger whose process dies right before it records a command's result (its key claimed, its events written). */
  const dyingBeforeRecord = () => createLedger({ store: dyingAt(store, 'CommandRecorded'), clock: fixedClock });

  it('loads the built-in catalog once: a second start writes nothing', async () => {
    const head = await store.headPosition();
    const again = await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
    expect(await store.headPosition()).toBe(head);
    const defined = (await readLog(store)).filter((e) => e.type === 'BenefitLineDefined');
    expect(defined).toHaveLength(8);
    expect(again.position).toBe(defined.at(-1)!.position);
  });

  it('returns the first result for the same command sent twice, and writes nothing', async () => {
    const ctx = as('officer-li');
    const first = await ledger.registerEnterprise(firm, ctx);
    const head = await store.headPosition();
    expect(await ledger.registerEnterprise(firm, ctx)).toEqual(first);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses the same key with another payload, or for another command', async () => {
    const ctx = as('officer-li');
    await ledger.registerEnterprise(firm, ctx);
    await expectRejectsWith(ledger.registerEnterprise({ ...firm, name: '别的公司' }, ctx), 'IDEMPOTENCY_KEY_REUSED', /RegisterEnterprise/);
    await expectRejectsWith(ledger.allocateBudget({ lineCode: 'neeq-listing-reward', fiscalYear: 2016, payer: 'municipal', amountFen: 1 }, ctx), 'IDEMPOTENCY_KEY_REUSED');
  });

  it('pays a tranche once, though the process died before recording the command', async () => {
    const code = await registerFirm(ledger, 12);
    await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
    const app = await reviewedApplication(ledger, code, 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕12号' }, yuan(500_000));
    await ledger.approveApplication({ applicationId: app }, director());
    const ctx = cashier();
    const tranche = { applicationId: app, amountFen: yuan(300_000), paidOn: '2016-07-01', paymentReference: '国库-0701' };
    await expect(dyingBeforeRecord().recordDisbursement(tranche, ctx)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await count('DisbursementRecorded')).toBe(1);
    const retried = await ledger.recordDisbursement(tranche, ctx);
    expect(await count('DisbursementRecorded')).toBe(1);
    expect(await count('CommandRecorded')).toBeGreaterThan(0);
    const head = await store.headPosition();
    expect(await ledger.recordDisbursement(tranche, ctx)).toEqual(retried);
    expect(await store.headPosition()).toBe(head);
    await expectRejectsWith(ledger.recordDisbursement({ ...tranche, amountFen: yuan(1) }, ctx), 'IDEMPOTENCY_KEY_REUSED');
  });

  it('submits one application for one key, though the process died before recording it', async () => {
    const code = await registerFirm(ledger, 13);
    const input = { creditCode: code, lineCode: 'innovation-voucher', fiscalYear: 2016, qualifyingFact: { kind: 'tech-transfer-contract', reference: 'T-13' }, requestedFen: yuan(50_000), evidence: {} };
    const ctx = as('applicant-wang');
    await expect(dyingBeforeRecord().submitApplication(input, ctx)).rejects.toBeInstanceOf(SimulatedCrash);
    const { applicationId } = await ledger.submitApplication(input, ctx);
    expect(await count('ApplicationSubmitted')).toBe(1);
    await expectRejectsWith(ledger.submitApplication({ ...input, requestedFen: yuan(60_000) }, ctx), 'IDEMPOTENCY_KEY_REUSED');
    expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('approves once for one key, and answers the same on a resend', async () => {
    const code = await registerFirm(ledger, 14);
    await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
    const app = await reviewedApplication(ledger, code, 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕14号' }, yuan(500_000));
    const ctx = director();
    const first = await ledger.approveApplication({ applicationId: app }, ctx);
    const head = await store.headPosition();
    expect(await ledger.approveApplication({ applicationId: app }, ctx)).toEqual(first);
    expect(await store.headPosition()).toBe(head);
    await expectRejectsWith(ledger.approveApplication({ applicationId: app, amountFen: yuan(500_000) }, ctx), 'IDEMPOTENCY_KEY_REUSED');
  });

  it('pays once when one key is sent at the same moment with two amounts, and answers only the payment made', async () => {
    await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
    const app = await reviewedApplication(ledger, await registerFirm(ledger, 13), 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕13号' }, yuan(500_000));
    await ledger.approveApplication({ applicationId: app }, director());
    const grant = `application-${app}`;
    // Both read the grant and decide; A claims the key and pays ¥100,000; B, deciding ¥200,000 under the same key, claims after.
    const [bRead, aPaid] = [gate(), gate()];
    const a = createLedger({
      clock: fixedClock,
      store: takingTurns(store, {
        beforeAppend: (stream) => (stream.startsWith('command-') ? bRead.opened : Promise.resolve()),
        afterAppend: (stream) => stream === grant && aPaid.open(),
      }),
    });
    const b = createLedger({
      clock: fixedClock,
      store: takingTurns(store, {
        afterRead: (stream) => stream === grant && bRead.open(),
        beforeAppend: (stream) => (stream.startsWith('command-') ? aPaid.opened : Promise.resolve()),
      }),
    });
    const ctx = cashier();
    const pay = (l: Ledger, amountFen: number) =>
      l.recordDisbursement({ applicationId: app, amountFen, paidOn: '2016-06-01', paymentReference: '国库-0601' }, ctx);
    const first = pay(a, yuan(100_000));
    await expectRejectsWith(pay(b, yuan(200_000)), 'IDEMPOTENCY_KEY_REUSED');
    await first;
    const paid = (await readLog(store)).filter((e) => e.type === 'DisbursementRecorded').map((e) => (e.data as { amountFen: number }).amountFen);
    expect(paid).toEqual([yuan(100_000)]);
    expect(await pay(ledger, yuan(100_000))).toEqual(await first);
    await expectRejectsWith(pay(ledger, yuan(200_000)), 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a key reused for another application after a crash, and answers the first caller with its approval', async () => {
    // Money enough for both: only the key can stop the second.
    await allocate(ledger, 'neeq-listing-reward', yuan(1_000_000));
    const listed = (n: number) => ({ kind: 'neeq-listing', reference: `股转系统函〔2016〕${n}号` });
    const first = await reviewedApplication(ledger, await registerFirm(ledger, 14), 'neeq-listing-reward', listed(14), yuan(500_000));
    const second = await reviewedApplication(ledger, await registerFirm(ledger, 15), 'neeq-listing-reward', listed(15), yuan(500_000));
    const ctx = director();
    // Claimed, started, reserved, committed and approved: the process dies before recording the command.
    await expect(dyingBeforeRecord().approveApplication({ applicationId: first }, ctx)).rejects.toBeInstanceOf(SimulatedCrash);
    await expectRejectsWith(ledger.approveApplication({ applicationId: second }, ctx), 'IDEMPOTENCY_KEY_REUSED');
    expect(await ledger.approveApplication({ applicationId: first }, ctx)).toMatchObject({ applicationId: first, amountFen: yuan(500_000) });
    const log = await readLog(store);
    expect(log.filter((e) => e.type === 'ApplicationApproved').map((e) => (e.data as { applicationId: string }).applicationId)).toEqual([first]);
    expect(moneyInvariantViolations(log, { settled: true })).toEqual([]);
  });

  it('refuses a key reused for a payment on another grant after a crash, and answers the first payment', async () => {
    await allocate(ledger, 'neeq-listing-reward', yuan(1_000_000));
    const listed = (n: number) => ({ kind: 'neeq-listing', reference: `股转系统函〔2016〕${n}号` });
    const [a, b] = [await reviewedApplication(ledger, await registerFirm(ledger, 17), 'neeq-listing-reward', listed(17), yuan(500_000)),
      await reviewedApplication(ledger, await registerFirm(ledger, 18), 'neeq-listing-reward', listed(18), yuan(500_000))];
    for (const app of [a, b]) await ledger.approveApplication({ applicationId: app }, director());
    const ctx = cashier();
    const pay = (applicationId: string) => ({ applicationId, amountFen: yuan(100_000), paidOn: '2016-06-01', paymentReference: '国库-0601' });
    await expect(dyingBeforeRecord().recordDisbursement(pay(a), ctx)).rejects.toBeInstanceOf(SimulatedCrash);
    await expectRejectsWith(ledger.recordDisbursement(pay(b), ctx), 'IDEMPOTENCY_KEY_REUSED');
    expect(await ledger.recordDisbursement(pay(a), ctx)).toMatchObject({ position: expect.any(String) });
    expect(await count('DisbursementRecorded')).toBe(1);
  });

  it('refuses a key reused on the same application with another amount after a crash, and approves nothing', async () => {
    const voucherLine = await allocate(ledger, 'innovation-voucher', yuan(50_000));
    const app = await reviewedApplication(ledger, await registerFirm(ledger, 16), 'innovation-voucher', { kind: 'tech-transfer-contract', reference: '许科转〔2016〕16号' }, yuan(50_000));
    const ctx = director();
    // The approval of ¥50,000 is started, then the process dies.
    const dying = createLedger({ store: crashingAfter(store, 2), clock: fixedClock });
    await expect(dying.approveApplication({ applicationId: app, amountFen: yuan(50_000) }, ctx)).rejects.toBeInstanceOf(SimulatedCrash);
    await ledger.adjustBudget({ budgetLineId: voucherLine, deltaFen: -yuan(20_000), reason: '预算调减' }, finance());
    await expectRejectsWith(ledger.approveApplication({ applicationId: app, amountFen: yuan(30_000) }, ctx), 'IDEMPOTENCY_KEY_REUSED');
    expect(await count('ApplicationApproved')).toBe(0);
  });

  it('answers both of two identical commands with one registration when the second finds the first one\'s event before its record', async () => {
    const ctx = as('officer-li');
    // B reads the key before A claims it, then finds A's registration, and answers before A records.
    const [bReadKey, aRegistered, bDone] = [gate(), gate(), gate()];
    const b = createLedger({
      clock: fixedClock,
      store: takingTurns(store, {
        beforeRead: (stream) => (stream.startsWith('enterprise-') ? aRegistered.opened : undefined),
        afterRead: (stream) => stream.startsWith('command-') && bReadKey.open(),
      }),
    });
    let keyAppends = 0;
    const a = createLedger({
      clock: fixedClock,
      store: takingTurns(store, {
        // A's second append to the key's stream is its record: it waits for B's answer.
        beforeAppend: (stream) => (stream.startsWith('command-') && ++keyAppends === 2 ? bDone.opened : Promise.resolve()),
        afterAppend: (stream) => stream.startsWith('enterprise-') && aRegistered.open(),
      }),
    });
    const second = b.registerEnterprise(firm, ctx).finally(bDone.open);
    await bReadKey.opened;
    const [first, again] = await Promise.all([a.registerEnterprise(firm, ctx), second]);
    expect(again).toEqual(first);
    expect(await count('EnterpriseRegistered')).toBe(1);
  });

  it('keeps the key of a command refused after it claimed it and lost a race: the same command answers the same, another is refused', async () => {
    await allocate(ledger, 'neeq-listing-reward', yuan(500_000));
    const app = await reviewedApplication(ledger, await registerFirm(ledger, 19), 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕19号' }, yuan(500_000));
    await ledger.approveApplication({ applicationId: app }, director());
    const key = cashier();
    const pay = (l: Ledger, amountFen: number, paymentReference: string, ctx = key) =>
      l.recordDisbursement({ applicationId: app, amountFen, paidOn: '2016-06-01', paymentReference }, ctx);
    // Another cashier pays ¥300,000 right before this one's ¥300,000: only ¥200,000 is left.
    const racing = createLedger({ clock: fixedClock, store: interleaving(store, (s) => s === `application-${app}`, () => pay(ledger, yuan(300_000), '国库-A', as('cashier-qian'))) });
    await expectRejectsWith(pay(racing, yuan(300_000), '国库-B'), 'AMOUNT_INVALID', /exceeds what is left/);
    const head = await store.headPosition();
    await expectRejectsWith(pay(ledger, yuan(300_000), '国库-B'), 'AMOUNT_INVALID', /exceeds what is left/);
    // Giving the key back could let another payload take it while a twin of the first is still writing.
    await expectRejectsWith(pay(ledger, yuan(200_000), '国库-B'), 'IDEMPOTENCY_KEY_REUSED');
    expect(await store.headPosition()).toBe(head);
    expect(await pay(ledger, yuan(200_000), '国库-B', cashier())).toMatchObject({ position: expect.any(String) });
    const paid = (await readLog(store)).filter((e) => e.type === 'DisbursementRecorded').map((e) => (e.data as { amountFen: number }).amountFen);
    expect(paid).toEqual([yuan(300_000), yuan(200_000)]);
  });

  it('writes one event for the same command sent twice at the same moment', async () => {
    const ctx = as('officer-li');
    const [a, b] = await Promise.all([ledger.registerEnterprise(firm, ctx), ledger.registerEnterprise(firm, ctx)]);
    expect(a).toEqual(b);
    expect(await count('EnterpriseRegistered')).toBe(1);
  });
});

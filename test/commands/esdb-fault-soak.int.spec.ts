/**
 * A fault soak on the EventStoreDB test double: approvals, payments and clawbacks of ¥100,000
 * startup-base grants from concurrent clients, while the double refuses (not ready, too busy,
 * not the leader), times writes out (made before the answer, never, or later) and restarts.
 * Each client sends a command again with the same idempotency key until it is acknowledged.
 * At the end every acknowledged command is in the log once, no event is doubled, the money
 * invariants hold, and the read models equal a fresh replay. Prints what it did.
 * `ESDB_SOAK_GRANTS` sets the number of grants (default 20).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEsdbEventStore, type EsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { StoreUnavailableError } from '../../src/eventstore/port.js';
import type { CommandContext, Ledger } from '../../src/ledger.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { openReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { yuan } from '../support/domain-fixtures.js';
import { moneyInvariantViolations } from '../support/domain-invariants.js';
import { allocate, as, cashier, director, ledgerWithCatalog, officer, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';

const GRANTS = Number(process.env.ESDB_SOAK_GRANTS ?? 20);
const GRANT = yuan(100_000);
/** A fault every so often (refusals, timeouts), a restart every so many; then no more. */
const FAULT_EVERY_MS = 20;
const RESTART_EVERY = 6;
const FAULT_ROUNDS = 18;

describe('a fault soak on the EventStoreDB test double', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  let ledger: Ledger;
  beforeEach(async () => {
    server = await startEsdbTestServer({ writeTimeoutMs: 20 });
    store = await connectEsdbEventStore({
      connectionString: server.connectionString,
      resubscribe: { firstDelayMs: 5, maxDelayMs: 50 },
      appendTimeoutMs: 2000,
    });
    ledger = await ledgerWithCatalog(store);
  });
  afterEach(async () => {
    await store.close();
    await server.close();
  });

  it(`approves, pays and claws back ${GRANTS} grants from concurrent clients through faults and restarts, each once`, async () => {
    await allocate(ledger, 'startup-base-reward', GRANT * GRANTS);
    const applications: string[] = [];
    for (let i = 0; i < GRANTS; i++) {
      const firm = await registerFirm(ledger, 60 + i, 'startup-base', 'jianan');
      // The reward rests on the base's provincial recognition (认定), recorded in the ledger before approval.
      const documentNumber = `豫工信企业〔2016〕${100 + i}号`;
      await ledger.recordDesignation(
        { creditCode: firm, kindCode: 'provincial-startup-base', documentNumber, designatedBy: '河南省工业和信息化委员会', designatedOn: '2016-03-01' },
        as('admin-sun'),
      );
      applications.push(await reviewedApplication(ledger, firm, 'startup-base-reward', { kind: 'base-recognition', reference: documentNumber }, GRANT));
    }

    let acknowledged = 0;
    let retries = 0;
    /** A client: the same command, with the same key, until the ledger acknowledges it. */
    async function untilAcknowledged<T>(send: (ctx: CommandContext) => Promise<T>, ctx: CommandContext): Promise<T> {
      for (;;) {
        try {
          const result = await send(ctx);
          acknowledged += 1;
          return result;
        } catch (error) {
          if (!(error instanceof StoreUnavailableError)) throw error;
          retries += 1;
          await sleep(20);
        }
      }
    }
    const grant = async (applicationId: string) => {
      await untilAcknowledged((ctx) => ledger.approveApplication({ applicationId }, ctx), director());
      const payment = { applicationId, amountFen: GRANT, paidOn: '2016-07-01', paymentReference: `国库-${applicationId}` };
      await untilAcknowledged((ctx) => ledger.recordDisbursement(payment, ctx), cashier());
      await untilAcknowledged((ctx) => ledger.demandClawback({ applicationId, amountFen: yuan(30_000), reason: '虚假材料' }, ctx), officer());
    };

    let restarts = 0;
    let running = true;
    const injectedSoFar = () => Object.values(server.injected).reduce((a, b) => a + b, 0);
    const injector = (async () => {
      for (let round = 0; running && round < FAULT_ROUNDS; round++) {
        await sleep(FAULT_EVERY_MS);
        const lands = (['before-answer', 'never', { afterMs: 300 }] as const)[round % 3]!;
        const refusals = [
          () => server.faults.notReady(2),
          () => server.faults.tooBusy(2),
          () => server.faults.timeOutWrites(2, { lands }),
          () => server.faults.notLeader(1, { host: '127.0.0.1', port: server.port }),
        ];
        if (round % RESTART_EVERY === RESTART_EVERY - 1) {
          await server.restart();
          restarts += 1;
          continue;
        }
        // One refusal at a time: the next once this one has met a call, so they never pile up.
        const before = injectedSoFar();
        refusals[round % refusals.length]!();
        while (running && injectedSoFar() === before) await sleep(5);
      }
    })();
    await Promise.all(applications.map(grant));
    running = false;
    await injector;
    server.faults.reset();
    await sleep(400); // the writes still in flight land

    const log = await readLog(store);
    const count = (type: string) => log.filter((event) => event.type === type).length;
    expect([count('ApplicationApproved'), count('DisbursementRecorded'), count('ClawbackDemanded')]).toEqual([GRANTS, GRANTS, GRANTS]);
    expect(new Set(log.map((event) => event.id)).size).toBe(log.length);
    expect(moneyInvariantViolations(log, { settled: true })).toEqual([]);

    const readStore = openReadStore({ file: ':memory:' });
    const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections });
    await runner.start();
    await runner.catchUp();
    const report = await reconcile({ store, readStore, projections: ledgerProjections });
    await runner.stop();
    readStore.close();
    expect(report.differences).toEqual([]);

    const faults = Object.entries(server.injected).map(([kind, n]) => `${n} ${kind}`).join(', ');
    console.log(`fault soak: ${acknowledged} commands acknowledged; faults injected: ${faults}, ${restarts} restarts; ${retries} commands sent again`);
    expect(acknowledged).toBe(GRANTS * 3);
    expect(injectedSoFar() + restarts).toBeGreaterThan(0);
  });
});

/**
 * The journal of a fiscal year: the log through the year's end, a prefix of the log the newest
 * head covers, verified offline through the manifest's consistency proof; a forged proof, a
 * changed file and a head that covers less than the journal are each reported.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedgerApp } from '../../src/app.js';
import type { SignedHead } from '../../src/audit/head.js';
import { exportJournal, manifestFile, type JournalManifest } from '../../src/audit/journal-export.js';
import { verifyJournal } from '../../src/audit/verify-journal.js';
import { demoCreditCode } from '../../src/demo/enterprises.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { fiscalYearAt } from '../../src/shared/fiscal-year.js';

const dir = mkdtempSync(join(tmpdir(), 'journal-'));
let first: SignedHead;
let newest: SignedHead;
let eventsIn2025: number;
const journal = join(dir, 'fy2025.jsonl');

beforeAll(async () => {
  let now = new Date('2025-12-31T10:00:00.000Z');
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  const app = await openLedgerApp({
    store,
    readStoreFile: join(dir, 'readmodel.db'),
    logger: pino({ level: 'silent' }),
    clock: () => now,
    audit: { signingKey: generateKeyPairSync('ed25519').privateKey, headsFile: join(dir, 'heads.db') },
  });
  await loadDemo(app.ledger);
  first = await app.audit.signHead({ reason: 'fiscal-year close 2025' });
  now = new Date('2026-01-02T02:00:00.000Z');
  for (const serial of [801, 802, 803]) {
    await app.ledger.registerEnterprise({ creditCode: demoCreditCode('weidu', serial), name: `新年企业${serial}`, county: 'weidu', kind: 'enterprise' }, { actorId: 'admin-1', actorRole: 'ADMIN', idempotencyKey: `new-year-${serial}` });
  }
  newest = await app.audit.signHead({ reason: 'schedule' });
  eventsIn2025 = (await store.readAll({ maxCount: 100_000 })).filter((e) => fiscalYearAt(e.metadata.recordedAt) <= 2025).length;
  await exportJournal({ store, read: app.services.read, head: newest, to: journal, throughFiscalYear: 2025, now });
  await app.close();
  await store.close();
}, 60_000);

describe('the journal of fiscal year 2025', () => {
  it('holds the log through the year and proves it a prefix of the newest head', async () => {
    const manifest = JSON.parse(readFileSync(manifestFile(journal), 'utf8')) as JournalManifest;
    expect(manifest).toMatchObject({ throughFiscalYear: 2025, leaves: eventsIn2025, rootHash: first.rootHash });
    expect(manifest.leaves).toBeLessThan(newest.treeSize);
    expect(await verifyJournal({ journal, head: newest, previousHead: first })).toMatchObject({ ok: true, leaves: eventsIn2025, problems: [] });
    expect(await verifyJournal({ journal, head: first })).toMatchObject({ ok: true, covered: first.treeSize, notCovered: 0 });
  });

  it('is refused with a forged consistency proof, or a file that is not the one the manifest names', async () => {
    const manifest = JSON.parse(readFileSync(manifestFile(journal), 'utf8')) as JournalManifest;
    const forged = join(dir, 'forged.jsonl');
    writeFileSync(forged, readFileSync(journal));
    writeFileSync(manifestFile(forged), JSON.stringify({ ...manifest, consistencyToHead: manifest.consistencyToHead!.map((h, i) => (i === 0 ? '0'.repeat(64) : h)) }));
    expect((await verifyJournal({ journal: forged, head: newest })).problems.join('\n')).toMatch(/not a prefix of the head's tree/);

    const changed = join(dir, 'changed.jsonl');
    writeFileSync(changed, `${readFileSync(journal, 'utf8')}\n`);
    writeFileSync(manifestFile(changed), JSON.stringify(manifest));
    expect((await verifyJournal({ journal: changed, head: first })).problems.join('\n')).toMatch(/SHA-256 is .* the manifest says/);
  });
});

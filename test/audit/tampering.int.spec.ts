/**
 * Tampering with a copy of the embedded store's file, behind the ledger's back, after a head was
 * signed: each change is caught by the offline verifier of a journal exported from the copy and
 * by `verify --store`, and the first bad leaf is named. A log rewritten whole, its audit tree
 * rebuilt and its head re-signed with another key, is caught by the signature's key and by
 * consistency with the head the auditor kept.
 */
import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedgerApp } from '../../src/app.js';
import { signHead, type SignedHead } from '../../src/audit/head.js';
import { openHeadLog } from '../../src/audit/head-log.js';
import { exportJournal } from '../../src/audit/journal-export.js';
import { verifyJournal, type Verdict } from '../../src/audit/verify-journal.js';
import { verifyStore } from '../../src/audit/verify-store.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { createReadModelsRunner, openReadStores, readModelQueries } from '../../src/readmodel/read-stores.js';

const logger = pino({ level: 'silent' });
let original: string;
let head: SignedHead;
let positions: number[];

/** A copy of the ledger's files, for one tampering. */
function copyOfLedger(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tampered-'));
  for (const name of ['ledger.db', 'readmodel.db', 'audit-tree.db', 'heads.db']) {
    for (const suffix of ['', '-wal']) if (existsSync(join(original, name + suffix))) copyFileSync(join(original, name + suffix), join(dir, name + suffix));
  }
  return dir;
}

function tamper(dir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'ledger.db'));
  change(db);
  db.close();
}

/** Both verifiers over the copy: a journal exported from it, checked offline; and the store itself. */
async function verifyCopy(dir: string, options: { head?: SignedHead; previousHead?: SignedHead; rebuild?: boolean } = {}): Promise<{ journal: Verdict; store: Verdict }> {
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  const readStores = openReadStores(join(dir, 'readmodel.db'));
  const heads = openHeadLog({ file: join(dir, 'heads.db') });
  try {
    const read = readModelQueries(readStores);
    const against = options.head ?? heads.newest()!;
    const to = join(dir, 'journal.jsonl');
    await exportJournal({ store, read, head: against, to, now: new Date() });
    const previous = options.previousHead ? { previousHead: options.previousHead } : {};
    return {
      journal: await verifyJournal({ journal: to, head: against, ...previous }),
      store: await verifyStore({ store, read, heads: heads.all(), ...previous }),
    };
  } finally {
    heads.close();
    readStores.close();
    await store.close();
  }
}

const leafOfPosition = (position: number) => positions.indexOf(position);

beforeAll(async () => {
  original = mkdtempSync(join(tmpdir(), 'ledger-'));
  const store = openSqliteEventStore({ file: join(original, 'ledger.db') });
  const app = await openLedgerApp({
    store,
    readStoreFile: join(original, 'readmodel.db'),
    logger,
    audit: { signingKey: generateKeyPairSync('ed25519').privateKey, headsFile: join(original, 'heads.db') },
  });
  await loadDemo(app.ledger);
  head = await app.audit.signHead({ reason: 'before the tampering' });
  await app.close();
  await store.close();
  const db = new Database(join(original, 'ledger.db'), { readonly: true });
  positions = (db.prepare('SELECT position FROM events ORDER BY position').all() as { position: number }[]).map((r) => r.position);
  db.close();
}, 60_000);

describe('a copy of the ledger left alone', () => {
  it('verifies, as a journal and as a store', async () => {
    const { journal, store } = await verifyCopy(copyOfLedger());
    expect(journal).toMatchObject({ ok: true, leaves: head.treeSize, covered: head.treeSize, notCovered: 0, problems: [] });
    expect(store).toMatchObject({ ok: true, problems: [] });
  });
});

describe('tampering behind the ledger\'s back', () => {
  const middle = () => positions[Math.floor(positions.length / 2)]!;

  it('one byte of one payload changed: that leaf is named', async () => {
    const dir = copyOfLedger();
    const at = middle();
    tamper(dir, (db) => {
      const { data } = db.prepare('SELECT data FROM events WHERE position = ?').get(at) as { data: string };
      const i = data.search(/[a-z]/);
      const changed = data.slice(0, i) + (data[i] === 'a' ? 'b' : 'a') + data.slice(i + 1);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changed, at);
    });
    const { journal, store } = await verifyCopy(dir);
    for (const verdict of [journal, store]) {
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBadLeaf?.leafIndex).toBe(leafOfPosition(at));
    }
  });

  it('an event deleted: the leaf where it was is named', async () => {
    const dir = copyOfLedger();
    const at = middle();
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(at));
    const { journal, store } = await verifyCopy(dir);
    for (const verdict of [journal, store]) {
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBadLeaf?.leafIndex).toBe(leafOfPosition(at));
    }
  });

  it('two events swapped: the first of the two is named', async () => {
    const dir = copyOfLedger();
    const [a, b] = [positions[40]!, positions[90]!];
    tamper(dir, (db) => {
      const row = (p: number) => db.prepare('SELECT id, stream, revision, type, data, metadata FROM events WHERE position = ?').get(p) as Record<string, unknown>;
      const [ra, rb] = [row(a), row(b)];
      const put = db.prepare('UPDATE events SET id = @id, stream = @stream, revision = @revision, type = @type, data = @data, metadata = @metadata WHERE position = @position');
      db.transaction(() => {
        put.run({ ...ra, id: 'swap', stream: 'swap', revision: -1, position: a });
        put.run({ ...ra, position: b });
        put.run({ ...rb, position: a });
      })();
    });
    const { journal, store } = await verifyCopy(dir);
    for (const verdict of [journal, store]) {
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBadLeaf?.leafIndex).toBe(leafOfPosition(a));
    }
  });

  it('an event appended: named as not in the ledger\'s tree, and not covered by the head', async () => {
    const dir = copyOfLedger();
    tamper(dir, (db) => {
      const last = db.prepare('SELECT stream, revision, type, data, metadata FROM events ORDER BY position DESC LIMIT 1').get() as Record<string, unknown>;
      db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)').run(
        '0f0f0f0f-0000-4000-8000-000000000001', last.stream, (last.revision as number) + 1, last.type, last.data, last.metadata,
      );
    });
    const { journal, store } = await verifyCopy(dir);
    expect(store.ok).toBe(false);
    expect(store.firstBadLeaf).toMatchObject({ leafIndex: head.treeSize, eventId: '0f0f0f0f-0000-4000-8000-000000000001' });
    expect(store.notCovered).toBe(1);
    // The journal ends with a leaf of the copy's own: past the head, so not covered by it.
    expect(journal).toMatchObject({ leaves: head.treeSize + 1, covered: head.treeSize, notCovered: 1 });
  });

  it('the whole log rewritten, the tree rebuilt and re-signed with another key: caught by the key and by the earlier head', async () => {
    const dir = copyOfLedger();
    const at = middle();
    tamper(dir, (db) => {
      const { data } = db.prepare('SELECT data FROM events WHERE position = ?').get(at) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data.replace(/\d/, (d) => String((Number(d) + 1) % 10)), at);
    });
    // The forger rebuilds the read models from the forged log and signs with a key of its own.
    for (const file of ['readmodel.db', 'audit-tree.db']) writeFileSync(join(dir, file), '');
    const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
    const readStores = openReadStores(join(dir, 'readmodel.db'));
    const runner = createReadModelsRunner(store, readStores, () => {});
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    const read = readModelQueries(readStores);
    const size = read.merkleTreeSize();
    const forged = signHead({ treeSize: size, rootHash: read.merkleRoot(size).toString('hex'), signedAt: new Date().toISOString(), reason: 'schedule' }, generateKeyPairSync('ed25519').privateKey);
    readStores.close();
    await store.close();
    const heads = openHeadLog({ file: join(dir, 'heads.db') });
    heads.append(forged);
    heads.close();

    const { journal, store: live } = await verifyCopy(dir, { head: forged, previousHead: head });
    for (const verdict of [journal, live]) {
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.join('\n')).toMatch(`signed by key ${forged.keyId}, not by the ledger's key ${head.keyId}`);
      expect(verdict.problems.join('\n')).toMatch(/do not have the (previous head's )?root/);
    }
    // Against the forged head alone, with the ledger's key pinned, the journal is refused too.
    const pinned = await verifyJournal({ journal: join(dir, 'journal.jsonl'), head: forged, keyId: head.keyId });
    expect(pinned.ok).toBe(false);
  });
});

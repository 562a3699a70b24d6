/**
 * Signed tree heads over the ledger's own log: signed over the tree the projections keep, kept in
 * order and published, proofs against them verify; a tree that no longer extends the newest head
 * is refused a signature.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerApp, type LedgerApp } from '../../src/app.js';
import { HeadRefusedError } from '../../src/audit/audit-service.js';
import { canonicalBytes } from '../../src/audit/canonical.js';
import { HeadSignatureError, parseHead, rootOf, verifyHeadSignature } from '../../src/audit/head.js';
import { leafHash, MerkleBuilder, verifyConsistency, verifyInclusion } from '../../src/audit/merkle.js';
import { loadSigningKey } from '../../src/audit/signing-key.js';
import { demoCreditCode } from '../../src/demo/enterprises.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';

describe('signed tree heads', () => {
  let store: EventStore;
  let app: LedgerApp;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heads-'));
    store = openSqliteEventStore({ file: ':memory:' });
    const signingKey = generateKeyPairSync('ed25519').privateKey;
    app = await openLedgerApp({
      store,
      readStoreFile: ':memory:',
      logger: pino({ level: 'silent' }),
      audit: { signingKey, headsFile: join(dir, 'heads.db'), publishDir: join(dir, 'published') },
    });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  async function rootOfLog(): Promise<{ size: number; root: string }> {
    const events = await store.readAll({ maxCount: 1_000_000 });
    const builder = new MerkleBuilder();
    events.forEach((e, i) => builder.append(leafHash(canonicalBytes(e, i))));
    return { size: events.length, root: builder.root().toString('hex') };
  }

  it('signs the root of the whole log, with a signature that verifies and fails for any other member', async () => {
    await loadDemo(app.ledger);
    const head = await app.audit.signHead({ reason: 'on demand by auditor-1' });
    expect({ size: head.treeSize, root: head.rootHash }).toEqual(await rootOfLog());
    verifyHeadSignature(head);
    expect(() => verifyHeadSignature({ ...head, treeSize: head.treeSize - 1 })).toThrow(HeadSignatureError);
    expect(() => verifyHeadSignature({ ...head, reason: 'schedule' })).toThrow(HeadSignatureError);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    expect(() => verifyHeadSignature({ ...head, publicKey: other })).toThrow(HeadSignatureError);
  });

  it('keeps heads in order, publishes each, and proves events and growth against them', async () => {
    await loadDemo(app.ledger);
    const first = await app.audit.signHead({ reason: 'schedule' });
    await app.ledger.registerEnterprise(
      { creditCode: demoCreditCode('weidu', 99), name: '后来的企业', county: 'weidu', kind: 'enterprise' },
      { actorId: 'admin-1', actorRole: 'ADMIN', idempotencyKey: 'late' },
    );
    const second = await app.audit.signFiscalYearClose(2025);
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    // The demo closes fiscal year 2024: its close was signed then, covering the close's events.
    expect(app.audit.heads().map((h) => h.reason)).toEqual(['fiscal-year close 2024', 'schedule', 'fiscal-year close 2025']);
    expect(app.audit.heads()[0]!.treeSize).toBeLessThanOrEqual(first.treeSize);
    expect(app.audit.newestHead()).toEqual(second);
    const published = readdirSync(join(dir, 'published')).sort();
    expect(published).toEqual(['head-00000001.json', 'head-00000002.json', 'head-00000003.json', 'latest.json']);
    expect(parseHead(readFileSync(join(dir, 'published', 'latest.json'), 'utf8'), 'latest.json')).toEqual(second);

    const { proof } = app.audit.consistencyProof(first.treeSize, second.treeSize);
    verifyConsistency(first.treeSize, second.treeSize, proof.map((h) => Buffer.from(h, 'hex')), rootOf(first), rootOf(second));

    const events = await store.readAll({ maxCount: 1_000_000 });
    for (const at of [0, Math.floor(first.treeSize / 2), first.treeSize - 1]) {
      const byId = app.audit.inclusionProof({ eventId: events[at]!.id }, first.treeSize);
      const byPosition = app.audit.inclusionProof({ position: events[at]!.position }, first.treeSize);
      expect(byPosition).toEqual(byId);
      expect(byId.leaf.hash.equals(leafHash(canonicalBytes(events[at]!, at)))).toBe(true);
      verifyInclusion(at, first.treeSize, byId.leaf.hash, byId.proof.map((h) => Buffer.from(h, 'hex')), rootOf(first));
    }
  });

  it('refuses to sign a tree that no longer extends the newest head', async () => {
    await loadDemo(app.ledger);
    await app.audit.signHead({ reason: 'schedule' });
    const physical = app.readStores.tree.get<{ tables: string }>(`SELECT tables FROM projection_state WHERE name = 'merkle-tree'`)!;
    const nodes = (JSON.parse(physical.tables) as Record<string, string>).merkle_nodes!;
    // The largest complete subtree: the first half of the log, as a rewrite of it would leave it.
    app.readStores.tree.db.prepare(`UPDATE ${nodes} SET hash = zeroblob(32) WHERE level = (SELECT max(level) FROM ${nodes})`).run();
    await expect(app.audit.signHead({ reason: 'schedule' })).rejects.toThrow(HeadRefusedError);
    expect(app.audit.heads().map((h) => h.reason)).toEqual(['fiscal-year close 2024', 'schedule']);
  });

  it('refuses a proof against a head never signed, and an event the head does not cover', async () => {
    expect(() => app.audit.inclusionProof({ position: '00000000000000000001' })).toThrow(/no tree head has been signed/);
    await loadDemo(app.ledger);
    const head = await app.audit.signHead({ reason: 'schedule' });
    expect(() => app.audit.inclusionProof({ eventId: 'no-such-event' })).toThrow(/no event no-such-event/);
    expect(() => app.audit.consistencyProof(1, head.treeSize)).toThrow(/no signed head has tree size 1/);
  });
});

describe('the head-signing key', () => {
  it('in development is generated once under the data folder, owner-only, with a warning', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'key-')), 'data', 'ledger-signing-key.pem');
    const first = loadSigningKey({ kind: 'development', file });
    expect(first.warning).toMatch(/development key/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSigningKey({ kind: 'development', file });
    expect(again.key.export({ format: 'pem', type: 'pkcs8' })).toEqual(first.key.export({ format: 'pem', type: 'pkcs8' }));
  });

  it('is taken from LEDGER_SIGNING_KEY as PEM, Ed25519 only, and required in production', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(loadSigningKey({ kind: 'pem', pem }).warning).toBeUndefined();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => loadSigningKey({ kind: 'pem', pem: rsa })).toThrow(/Ed25519/);
    expect(() => loadSigningKey({ kind: 'missing' })).toThrow(/required in production/);
  });
});

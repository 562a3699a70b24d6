/**
 * A batch holds the read store's write lock from its first event (BEGIN IMMEDIATE): another
 * connection to the same file (the audit tree catching up on its own thread) cannot commit between
 * what the batch reads and what it writes, which would fail the batch's first write (SQLite's
 * SQLITE_BUSY_SNAPSHOT). Once the batch is committed, the other connection writes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePosition, type RecordedEvent } from '../../src/eventstore/port.js';
import { applyBatch, type Member } from '../../src/readmodel/apply.js';
import { defineProjection } from '../../src/readmodel/projection.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { defineReplay } from '../../src/readmodel/replay.js';
import { ensureStateTable, install, openTables } from '../../src/readmodel/schema.js';

const event: RecordedEvent = {
  id: '0b9c1e1e-4a8f-4f5e-9a59-6f1d7b0c2a11',
  type: 'EnterpriseRegistered',
  data: {},
  metadata: { actorId: 'officer-1', actorRole: 'OFFICER', correlationId: 'c', causationId: 'c', recordedAt: '2017-03-01T08:00:00.000Z', schemaVersion: 1 },
  stream: 'enterprise-1',
  revision: 0,
  position: encodePosition(1),
};

describe('a batch of the projection runner', () => {
  let dir: string;
  let readStore: ReadStore;
  let other: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
    readStore = openReadStore({ file: join(dir, 'read.db') });
    other = new Database(join(dir, 'read.db'));
    other.pragma('busy_timeout = 0');
    other.exec('CREATE TABLE elsewhere (n INTEGER)');
  });
  afterEach(() => {
    other.close();
    readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the write lock from its first event: another connection cannot commit until it has', () => {
    const tried: string[] = [];
    const writeElsewhere = () => {
      try {
        other.prepare('INSERT INTO elsewhere VALUES (1)').run();
        tried.push('committed');
      } catch (error) {
        tried.push((error as { code: string }).code);
      }
    };
    const probe = defineProjection({
      name: 'probe',
      version: 1,
      tables: {},
      handlers: {},
      everyEvent: writeElsewhere,
      replay: defineReplay({ folds: {}, tables: {} }),
    });
    const { db } = readStore;
    ensureStateTable(db);
    install(db, probe);
    const member: Member = { projection: probe, tables: openTables(db, probe), position: undefined, failure: undefined };
    expect(applyBatch(db, [member], [event])).toEqual([]);
    writeElsewhere();
    expect(tried).toEqual(['SQLITE_BUSY', 'committed']);
    expect(member.position).toBe(event.position);
  });
});

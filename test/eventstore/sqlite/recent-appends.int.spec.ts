/**
 * A reader of the embedded store's log gets the events the store appended lately without reading
 * their rows (recent-appends.ts): the same values, keys in the same order, as a read of their rows, never an append
 * that was rolled back, and the rows themselves once those kept are too many.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/eventstore/port.js';
import { RecentAppends } from '../../../src/eventstore/sqlite/recent-appends.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import { newEvent } from '../event-store.contract.js';
import { storeFailingAtCommit, tempLedgerFile } from './temp-ledger.js';

const asRead = (events: RecordedEvent[]) => events.map(({ id, type, data, metadata, stream, revision, position }) => ({ id, type, data, metadata, stream, revision, position }));

/** The log as another process reads it from the file. */
async function fromFile(file: string): Promise<RecordedEvent[]> {
  const reader = openSqliteEventStore({ file });
  try {
    return await reader.readAll({ maxCount: 10_000 });
  } finally {
    await reader.close();
  }
}

describe('the events the embedded store appended lately', () => {
  it('reach a reader as their rows give them, keys in canonical order: a frozen snapshot, the writer\'s values left alone', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    const data = { records: [{ amountFen: 50_000_000, differences: [], payeeName: '许昌市钧瓷小微企业' }], period: '2016-12' };
    const event = newEvent('TreasuryRecordsMatched', data);
    await store.append('treasury-file-1', [event], { expectedRevision: 'no_stream' });
    data.records[0]!.amountFen = 1; // the writer's own object: no reader sees this
    const [read] = await store.readAll({ maxCount: 10 });
    const kept = read!.data as typeof data;
    expect(Object.keys(kept)).toEqual(['period', 'records']);
    expect(kept.records[0]!.amountFen).toBe(50_000_000);
    expect(Object.isFrozen(kept.records[0]!.differences)).toBe(true);
    expect(() => kept.records.push(kept.records[0]!)).toThrow(TypeError);
    expect(Object.isFrozen(data.records)).toBe(false);
    // JSON text, so that the keys' order counts too.
    expect(JSON.stringify(asRead(await store.readAll({ maxCount: 10 })))).toBe(JSON.stringify(asRead(await fromFile(file))));
    await store.close();
  });

  it('are read back from their rows when JSON would not give the same value: a date, an undefined member', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    const data = { paidOn: new Date('2016-12-05T00:00:00Z'), note: undefined, amountFen: 100 };
    await store.append('a', [newEvent('Dated', data)], { expectedRevision: 'no_stream' });
    const [read] = await store.readAll({ maxCount: 10 });
    expect(read!.data).toEqual({ paidOn: '2016-12-05T00:00:00.000Z', amountFen: 100 });
    expect(Object.isFrozen(data)).toBe(false);
    await store.close();
  });

  it('never include an append whose COMMIT failed, though the next one takes its position', async () => {
    const store = storeFailingAtCommit(tempLedgerFile());
    const lost = store.append('a', [newEvent('Lost', { n: 1 })], { expectedRevision: 'no_stream' });
    const failing = store.append('b', [newEvent('FailsAtCommit')], { expectedRevision: 'no_stream' });
    await expect(Promise.all([lost, failing])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    await store.append('a', [newEvent('Kept', { n: 2 })], { expectedRevision: 'no_stream' });
    expect((await store.readAll({ maxCount: 10 })).map((e) => [e.type, e.data])).toEqual([['Kept', { n: 2 }]]);
    await store.close();
  });

  it('are read from the file once they no longer fit what is kept, in order and without a gap', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    // 24 events of half a MiB of JSON each: more than the 8 MiB of text kept.
    const big = (n: number) => ({ n, text: String(n % 10).repeat(2 ** 19) });
    for (let n = 0; n < 24; n++) await store.append(`s-${n}`, [newEvent('Big', big(n))], { expectedRevision: 'no_stream' });
    // A reader from the start reads the rows; one within the last events kept gets those kept.
    const read = await store.readAll({ maxCount: 100 });
    expect(read.map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: 24 }, (_, n) => n));
    expect(Object.isFrozen(read[0]!.data)).toBe(false);
    expect(asRead(read)).toEqual(asRead(await fromFile(file)));
    const page = await store.readAll({ after: read[15]!.position, maxCount: 5 });
    expect(page.map((e) => (e.data as { n: number }).n)).toEqual([16, 17, 18, 19, 20]);
    expect(page.every((e) => Object.isFrozen(e.data))).toBe(true);
    expect(asRead(page)).toEqual(asRead(read.slice(16, 21)));
    await store.close();
  });

  it('keep the newest that fit, without a gap, after thousands have left', () => {
    const recent = new RecentAppends();
    const kilobytes = (n: number) => n * 1_024;
    // 8 KiB of text each: 1,024 fit in the 8 MiB kept; 5,000 make the oldest leave 3,976 times.
    for (let position = 1; position <= 5_000; position++) {
      const event = { ...newEvent('Tested', { position }), stream: `s-${position}`, revision: 0, position: String(position).padStart(20, '0') };
      recent.written([{ position, event, textLength: kilobytes(8) }]);
      recent.committed();
    }
    expect(recent.run(1, 10)).toEqual([]);
    expect(recent.run(3_976, 10)).toEqual([]);
    const kept = recent.run(3_977, 5_000);
    expect(kept.map((e) => (e.data as { position: number }).position)).toEqual(Array.from({ length: 1_024 }, (_, i) => 3_977 + i));
  });
});

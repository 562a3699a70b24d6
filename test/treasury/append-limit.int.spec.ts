/**
 * A treasury file's records are matched in events that each store can take: 10,000 records to an
 * event on the embedded store, and on EventStoreDB as many as fit in its MaxAppendSize (1 MiB by
 * default: 2,048). A file of 3,500 records, whose records would make one event of about 1.2 MB,
 * is matched on both, and the report holds every record.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type LedgerApp, openLedgerApp } from '../../src/app.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { MATCH_BATCH, recordsPerEvent } from '../../src/ledger/treasury.js';
import { NOW } from '../support/domain-fixtures.js';
import { as, readLog } from '../support/domain-ledger.js';
import { testStores } from '../support/stores.js';
import { csvFile, type FileRow, sourceOf } from './support.js';

const RECORDS = 3_500;

/** Payments the ledger never made: every record is "in the file, not in the ledger". */
const unknownPayments = (): FileRow[] =>
  Array.from({ length: RECORDS }, (_, i) => [`ZFL-2016-${String(i).padStart(6, '0')}`, `许昌未入账企业${i}号有限公司`, '', `4101 0000 ${i}`, '100.00', '2016-12-05']);

describe('records per event follow the store', () => {
  it('10,000 on a store without an append limit; 2,048 in EventStoreDB’s default 1 MiB; 1 at the very least', () => {
    expect(recordsPerEvent({ maxAppendBytes: undefined } as EventStore)).toBe(MATCH_BATCH);
    expect(recordsPerEvent({ maxAppendBytes: 2 ** 20 } as EventStore)).toBe(2_048);
    expect(recordsPerEvent({ maxAppendBytes: 100 } as EventStore)).toBe(1);
  });
});

describe.each(testStores())('a file of 3,500 records on the $name store', (testStore) => {
  let store: EventStore;
  let app: LedgerApp;
  afterEach(async () => {
    await app?.close();
    await store?.close();
  });

  it('is matched in events under the store’s append limit, and every record is reported', { timeout: 60_000 }, async () => {
    store = await testStore.create();
    app = await openLedgerApp({ store, readStoreFile: ':memory:', logger: pino({ level: 'silent' }), clock: () => new Date(NOW) });
    const result = await app.ledger.importTreasuryFile({ fileName: '2016-12.csv', source: sourceOf(csvFile(unknownPayments())) }, as('finance-chen'));
    expect(result).toMatchObject({ recordCount: RECORDS, notInLedger: RECORDS });

    const batches = (await readLog(store)).filter((e) => e.type === 'TreasuryRecordsMatched');
    const sizes = batches.map((e) => (e.data as { records: unknown[] }).records.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(RECORDS);
    expect(Math.max(...sizes)).toBe(Math.min(RECORDS, recordsPerEvent(store)));
    for (const e of batches) expect(Buffer.byteLength(JSON.stringify(e.data))).toBeLessThanOrEqual(store.maxAppendBytes ?? Infinity);

    await app.runner.catchUp();
    const { counts } = app.services.read.treasuryReport({ period: '2016-12' }, { limit: 1, offset: 0 });
    expect(counts).toEqual([{ kind: 'notInLedger', n: RECORDS, open: RECORDS }]);
  });
});

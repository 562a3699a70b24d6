/**
 * Which of the official client's test files run against the double, and why the others do not.
 * Every file of theirs is named here once: in `RUN`, or in `SKIPPED` with its reason.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';

/** The client's tests, unmodified (`ESDB_CONFORMANCE_DIR`, else `../shared/conformance/…` beside the repository). */
const given = resolve(process.env.ESDB_CONFORMANCE_DIR ?? resolve(import.meta.dirname, '../../shared/conformance/eventstore-client-nodejs-v6.2.1'));
/** Its real path: vitest names test files by theirs, so a copy reached through a link still matches. */
export const CONFORMANCE_DIR = existsSync(given) ? realpathSync(given) : given;
export const TEST_PACKAGE = resolve(CONFORMANCE_DIR, 'packages/test');

export function assertPresent(): void {
  if (!existsSync(resolve(TEST_PACKAGE, 'src/streams'))) {
    throw new Error(`the official client's tests are not at ${CONFORMANCE_DIR}: set ESDB_CONFORMANCE_DIR to their copy (eventstore-client-nodejs-v6.2.1)`);
  }
}

/** Test files run (paths in the client's test package). */
export const RUN = [
  'src/streams/appendToStream.test.ts',
  'src/streams/appendToStream-batch-append.test.ts',
  'src/streams/appendToStream-batch-append-flood.test.ts',
  'src/streams/appendToStream-errors.test.ts',
  'src/streams/readStream.test.ts',
  'src/streams/readAll.test.ts',
  'src/streams/subscribeToAll.test.ts',
  'src/streams/subscribeToAll-filters.test.ts',
  'src/streams/subscribeToStream.test.ts',
  'src/streams/deleteStream.test.ts',
  'src/streams/tombstoneStream.test.ts',
  'src/extra/oversize-event.test.ts',
  'src/connection/reconnect/UnavailableError.test.ts',
  'src/connection/reconnect/mid-stream.test.ts',
  'src/connection/reconnect/NotLeaderError.test.ts',
  'src/extra/RecordedEvent-created.test.ts',
  'src/extra/encoding.test.ts',
  'src/extra/typedEvents.test.ts',
  'src/extra/typedEvents-more.test.ts',
  'src/extra/dispose.test.ts',
  'src/extra/http2-assertion-failure.test.ts',
  'src/extra/write-after-end.test.ts',
  'src/extra/http.test.ts',
  'src/connection/reconnect/no-reconnection.test.ts',
  'src/streams/getStreamMetadata.test.ts',
  'src/streams/setStreamMetadata.test.ts',
  'src/streams/systemStreams.test.ts',
];

/**
 * Files of `RUN` run after all the others, one at a time: each sends appends so large (10,000
 * appends at once; 40,000 events to be refused as too large; up to 15 appends of 30,000 events at
 * once) that the client's own work to send them nears the test's deadline whenever another test
 * file competes for the CPU.
 */
export const RUN_ALONE = [
  'src/streams/appendToStream-batch-append-flood.test.ts',
  'src/streams/appendToStream-errors.test.ts',
  'src/connection/reconnect/no-reconnection.test.ts',
];

const PERSISTENT = 'persistent subscriptions: the ledger never uses them (it follows $all with catch-up subscriptions), and the double does not serve them';

/** Files not run, each with the reason. */
export const SKIPPED: Record<string, string> = {
  'src/connection/reconnect/all-nodes-down.test.ts': PERSISTENT,
};

/** Single tests not run in files that run, by their title, each with the reason. */
export const SKIPPED_TESTS: Record<string, string> = {
  connectToPersistantSubscription: PERSISTENT,
  'Persistent subscription to stream': PERSISTENT,
  'Persistent subscription to $all': PERSISTENT,
};

/** A `--testNamePattern` that leaves out the tests of `SKIPPED_TESTS`. */
export function skippedTestsPattern(): RegExp | undefined {
  const titles = Object.keys(SKIPPED_TESTS).map((title) => title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return titles.length ? new RegExp(`^(?!.*(${titles.join('|')})$)`) : undefined;
}

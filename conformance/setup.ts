/**
 * Runs before each of the client's test files: their jest globals mapped onto vitest's
 * (`describe`, `test`, `expect`… are vitest's globals), and the server capabilities their
 * version gates read (`matchServerVersion`), asked of a test double as their
 * `enableVersionCheck` environment asks a node: the double reports 24.10.0.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { vi } from 'vitest';
import { startEsdbTestServer } from '../test/support/esdb-test-server/esdb-test-server.js';

const jest = Object.assign(Object.create(vi) as typeof vi, {
  setTimeout: (ms: number) => vi.setConfig({ testTimeout: ms, hookTimeout: ms }),
});
Object.assign(globalThis, { jest });

const server = await startEsdbTestServer();
const client = EventStoreDBClient.connectionString(server.connectionString);
Object.assign(globalThis, { capabilities: await (client as unknown as { capabilities: Promise<unknown> }).capabilities });
await client.dispose();
await server.close();

/**
 * The EventStoreDB adapter on a secure node: TLS with the CA file and a user's credentials in the
 * connection string, and what it says at start when one of them is wrong, over real gRPC against
 * the test double serving TLS with a certificate its own CA signed (as es-gencert-cli makes them).
 * The double knows EventStoreDB's default users (admin, ops) and checks their passwords; it does
 * not check users' rights (the refusal of a user who may not read `$all` is in
 * esdb-node-refusals.int.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { StoreUnavailableError } from '../../src/eventstore/port.js';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certificates.js';
import { newEvent } from './event-store.contract.js';

const PASSWORD = 'changeit';

/** How connecting ends: the store's error, or "connected". */
async function startWith(connectionString: string): Promise<Error | 'connected'> {
  try {
    const store = await connectEsdbEventStore({ connectionString });
    await store.close();
    return 'connected';
  } catch (error) {
    return error as Error;
  }
}

describe('the EventStoreDB adapter on a secure node', () => {
  let certificates: TestCertificates;
  let strangerCA: TestCertificates;
  let server: EsdbTestServer;
  const secure = (credentials: string, caFile = certificates.caFile, host = `127.0.0.1:${server.port}`) =>
    `esdb://${credentials}@${host}?tls=true&tlsCAFile=${caFile}`;
  beforeAll(async () => {
    certificates = makeTestCertificates();
    strangerCA = makeTestCertificates();
    server = await startEsdbTestServer({ tls: certificates.node });
  });
  afterAll(async () => {
    await server.close();
    certificates.remove();
    strangerCA.remove();
  });

  it('connects over TLS with the CA file and the user in the connection string, and appends and reads', async () => {
    const store = await connectEsdbEventStore({ connectionString: secure(`admin:${PASSWORD}`) });
    try {
      const events = [newEvent('BudgetAllocated', { amountFen: 100_000_000 })];
      await store.append('budget-2026', events, { expectedRevision: 'no_stream' });
      expect((await store.readStream('budget-2026')).map((event) => event.id)).toEqual([events[0]!.id]);
    } finally {
      await store.close();
    }
  });

  it('refuses to start with a wrong password or an unknown user, saying to check them, and never shows the password', async () => {
    for (const credentials of ['admin:not-the-password', 'ledger:s3cret-ledger-password']) {
      const error = await startWith(secure(credentials));
      expect(error).toMatchObject({ code: 'STORE_ACCESS_DENIED', message: expect.stringContaining('check its name and password') });
      expect((error as Error).message).not.toContain(credentials.split(':')[1]);
    }
  });

  it('reaches the node with a password holding "?", "/" or "%40", and shows no part of it when refused', async () => {
    for (const password of ['Alpha7?Bravo8', 'Alpha7/Bravo8', 'Alpha7%40Bravo8']) {
      const error = await startWith(secure(`ledger:${password}`));
      expect(error).toMatchObject({ code: 'STORE_ACCESS_DENIED', message: expect.stringContaining(`EventStoreDB at 127.0.0.1:${server.port} refused`) });
      expect((error as Error).message).not.toMatch(/Alpha7|Bravo8/);
    }
  });

  it("refuses to start when tlsCAFile names a CA that did not sign the node's certificate", async () => {
    const error = await startWith(secure(`admin:${PASSWORD}`, strangerCA.caFile));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/TLS certificate was not accepted: check that tlsCAFile/);
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it('refuses to start when the connection string names no CA file (a self-made CA is not a public one)', async () => {
    const error = await startWith(`esdb://admin:${PASSWORD}@127.0.0.1:${server.port}?tls=true`);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/TLS certificate was not accepted/);
  });

  it('refuses to start with a tlsCAFile that does not exist, naming it', async () => {
    const error = await startWith(secure(`admin:${PASSWORD}`, '/etc/ledger/no-such-ca.crt'));
    expect(error).toMatchObject({ code: 'INVALID_CONFIGURATION', message: expect.stringContaining('tlsCAFile=/etc/ledger/no-such-ca.crt') });
    expect((error as Error).message).toMatch(/^EVENTSTORE_CONNECTION_STRING cannot be used: /);
  });

  it('refuses to start when tls=false is given for a secure node', async () => {
    const error = await startWith(`esdb://127.0.0.1:${server.port}?tls=false`);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/has tls=false, which only an insecure node answers: if the node is secure .*drop tls=false and name .* with tlsCAFile/);
    expect((error as Error).message).not.toContain('?tls=false for an insecure node');
  });
});

describe('the EventStoreDB adapter on a secure node whose certificate names other hosts', () => {
  it('refuses to start, saying the host connected to must be among its names', async () => {
    const certificates = makeTestCertificates('DNS:eventstore-node1');
    const server = await startEsdbTestServer({ tls: certificates.node });
    try {
      const error = await startWith(`esdb://admin:${PASSWORD}@127.0.0.1:${server.port}?tls=true&tlsCAFile=${certificates.caFile}`);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/the host connected to is among the names the certificate was made for/);
    } finally {
      await server.close();
      certificates.remove();
    }
  });
});

describe('the EventStoreDB adapter with tls=true on an insecure node', () => {
  it('refuses to start, saying that an insecure node needs tls=false', async () => {
    const certificates = makeTestCertificates();
    const server = await startEsdbTestServer();
    try {
      const error = await startWith(`esdb://admin:${PASSWORD}@127.0.0.1:${server.port}?tls=true&tlsCAFile=${certificates.caFile}`);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/does not speak TLS: an insecure node needs tls=false/);
    } finally {
      await server.close();
      certificates.remove();
    }
  });
});

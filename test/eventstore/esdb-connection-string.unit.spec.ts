/**
 * EventStoreDB connection strings as the deployment gives them (docs/eventstoredb.md): the
 * configuration takes them as they are, and what the adapter names in its messages is the
 * servers alone, never the user's password.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadStoreConfig } from '../../src/config.js';
import { connectionStringProblem, tlsCAFile } from '../../src/eventstore/esdb/connection-string.js';
import { connectEsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';
import { serverAddress } from '../../src/eventstore/esdb/esdb-errors.js';

const SEEDS = 'esdb://ledger:s3cret@node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/etc/ledger/ca.crt';
const DISCOVER = 'esdb+discover://ledger:s3cret@cluster.example.internal:2113?tlsCAFile=/etc/ledger/ca.crt';
const INSECURE = 'esdb://localhost:2113?tls=false';

describe('an EventStoreDB connection string', () => {
  it('is taken as given for one insecure node, a secure cluster by its seeds, and one found through DNS', () => {
    for (const connection of [INSECURE, SEEDS, DISCOVER]) {
      expect(loadStoreConfig({ EVENTSTORE_CONNECTION_STRING: ` ${connection} ` }).eventStoreConnectionString).toBe(connection);
    }
  });

  it('is named in messages by its servers alone, without the user and password', () => {
    expect(serverAddress(SEEDS)).toBe('node1:2113,node2:2113,node3:2113');
    expect(serverAddress(DISCOVER)).toBe('cluster.example.internal:2113');
    expect(serverAddress(INSECURE)).toBe('localhost:2113');
  });

  it('gives its CA file whatever the case of the key, as the client reads it', () => {
    expect(tlsCAFile(SEEDS)).toBe('/etc/ledger/ca.crt');
    expect(tlsCAFile('esdb://node1:2113?tls=true&tls_ca_file=/etc/ledger/ca.crt')).toBe('/etc/ledger/ca.crt');
    expect(tlsCAFile(INSECURE)).toBeUndefined();
  });

  it("has only the client's options: one it does not know, or tlsVerifyCert=false, which it ignores, is named as a problem", () => {
    for (const connection of [INSECURE, SEEDS, DISCOVER, 'esdb://node1:2113?TLS=true&TlsCaFile=/ca.crt&nodePreference=leader&keepAliveInterval=10000']) {
      expect(connectionStringProblem(connection)).toBeUndefined();
    }
    expect(connectionStringProblem('esdb://ledger:s3cret@node1:2113?tls=true&tlsCAFil=/ca.crt')).toMatch(/^unknown option "tlsCAFil" \(the client knows .*tlsCAFile/);
    expect(connectionStringProblem('esdb://node1:2113?tls=true&tlsVerifyCert=false')).toMatch(/tlsVerifyCert=false is not supported .* tlsCAFile/);
  });

  it('is refused at start with an option the client would ignore, naming the option, never printing the password', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const error = (await connectEsdbEventStore({ connectionString: 'esdb://ledger:s3cret@node1:2113?tls=true&tlsCAFil=/ca.crt' }).catch((e: unknown) => e)) as Error;
      expect(error).toMatchObject({ code: 'INVALID_CONFIGURATION', message: expect.stringContaining('unknown option "tlsCAFil"') });
      expect(error.message).not.toContain('s3cret');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("is refused at start when the client cannot read it, with the client's reason and without the password", async () => {
    const error = (await connectEsdbEventStore({ connectionString: 'esdb://ledger:s3cret@node1:2113?tls=maybe' }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIGURATION', message: expect.stringMatching(/^EVENTSTORE_CONNECTION_STRING cannot be used: .*"maybe"/) });
    expect(error.message).not.toContain('s3cret');
  });
});

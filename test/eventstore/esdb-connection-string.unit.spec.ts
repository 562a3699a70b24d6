/**
 * EventStoreDB connection strings as the deployment gives them (docs/eventstoredb.md): the
 * configuration takes them as they are, and what the adapter names in its messages is the
 * servers alone, never the user's password.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadStoreConfig } from '../../src/config.js';
import { connectionStringProblem, serverAddress, tlsCAFile } from '../../src/eventstore/esdb/connection-string.js';
import { connectEsdbEventStore } from '../../src/eventstore/esdb/esdb-event-store.js';

const SEEDS = 'esdb://ledger:s3cret@node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/etc/ledger/ca.crt';
const DISCOVER = 'esdb+discover://ledger:s3cret@cluster.example.internal:2113?tlsCAFile=/etc/ledger/ca.crt';
const INSECURE = 'esdb://localhost:2113?tls=false';
/** Passwords with what a URL reserves, raw or percent-encoded as the client decodes them; none of their parts may show. */
const PASSWORDS = ['Alpha7?Bravo8', 'Alpha7/Bravo8', 'Alpha7%40Bravo8', 'Alpha7?tls=true/Bravo8'];
const withPassword = (password: string) => `esdb://ledger:${password}@node1:2113,node2:2113?tls=true&tlsCAFile=/etc/ledger/ca.crt`;
const showsPassword = (text: string | undefined) => /Alpha7|Bravo8/.test(text ?? '');

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

  it('takes a password holding "?", "/" or "%40" as the client does, and names the servers alone', () => {
    for (const password of PASSWORDS) {
      expect(connectionStringProblem(withPassword(password))).toBeUndefined();
      expect(serverAddress(withPassword(password))).toBe('node1:2113,node2:2113');
      expect(tlsCAFile(withPassword(password))).toBe('/etc/ledger/ca.crt');
    }
  });

  it('refuses a user or password the client would read otherwise (a raw "@", a second ":", a stray "%"), without quoting it', () => {
    const refusals: [string, RegExp][] = [
      ['Alpha7@Bravo8', /write "@" as %40/],
      ['Alpha7@Bravo8?x@y', /write "@" as %40/],
      ['Alpha7:Bravo8', /second ":".*%3A/],
      ['Alpha7%Bravo8', /"%" that is not followed by two hex digits/],
    ];
    for (const [password, advice] of refusals) {
      const problem = connectionStringProblem(withPassword(password));
      expect(problem).toMatch(advice);
      expect(showsPassword(problem)).toBe(false);
      expect(showsPassword(serverAddress(withPassword(password)))).toBe(false);
    }
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

  it('is refused at start for a raw "@" in the password, naming no part of it', async () => {
    const error = (await connectEsdbEventStore({ connectionString: withPassword('Alpha7@Bravo8') }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIGURATION', message: expect.stringContaining('%40') });
    expect(showsPassword(error.message)).toBe(false);
  });

  it("is refused at start when the client cannot read it, with the client's reason and without the password", async () => {
    const error = (await connectEsdbEventStore({ connectionString: 'esdb://ledger:s3cret@node1:2113?tls=maybe' }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIGURATION', message: expect.stringMatching(/^EVENTSTORE_CONNECTION_STRING cannot be used: .*"maybe"/) });
    expect(error.message).not.toContain('s3cret');
  });
});

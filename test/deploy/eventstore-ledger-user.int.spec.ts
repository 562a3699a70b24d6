/**
 * deploy/eventstore-ledger-user.mjs, run as docker-compose.yml's `secure` profile runs it, against
 * the EventStoreDB test double (gRPC: `$all`'s metadata and `$settings`) and a stand-in for the
 * node's HTTP user API (`/users/`), which records what it is asked. The double does not enforce
 * ACLs: what is checked is what the script writes, as docs/eventstoredb.md says it.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EsdbTestServer, startEsdbTestServer } from '../support/esdb-test-server/esdb-test-server.js';

const SCRIPT = resolve(import.meta.dirname, '../../deploy/eventstore-ledger-user.mjs');

interface Request {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** The node's `/users/` as far as the script uses it: `POST /users/` answers 409 for a user in `existing`. */
async function startUserApi(existing: string[]): Promise<{ server: Server; url: string; requests: Request[] }> {
  const requests: Request[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      requests.push({ path: request.url!, authorization: request.headers.authorization, body });
      const exists = request.url === '/users/' && existing.includes(body.loginName as string);
      response.writeHead(exists ? 409 : request.url === '/users/' ? 201 : 200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('deploy/eventstore-ledger-user.mjs', () => {
  let node: EsdbTestServer;
  let client: EventStoreDBClient;
  let userApi: Awaited<ReturnType<typeof startUserApi>> | undefined;
  beforeEach(async () => {
    node = await startEsdbTestServer();
    client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${node.port}?tls=false`);
  });
  afterEach(async () => {
    await client.dispose();
    await node.close();
    userApi?.server.close();
  });

  async function run(existing: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
    userApi = await startUserApi(existing);
    const environment = {
      PATH: process.env.PATH!,
      EVENTSTORE_ADMIN_CONNECTION_STRING: `esdb://admin:ch%40nge/it@127.0.0.1:${node.port}?tls=false`,
      EVENTSTORE_HTTP_URL: userApi.url,
      LEDGER_USER: 'ledger',
      ...env,
    };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT], { env: environment });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, output: stdout + stderr };
    }
  }

  /** The last event of `$settings`: the default ACL the server applies. */
  async function defaultAcl(): Promise<unknown> {
    for await (const { event } of client.readStream('$settings', { direction: 'backwards', fromRevision: 'end', maxCount: 1 })) {
      return event && { type: event.type, data: event.data };
    }
    return undefined;
  }

  it('creates the user with its password as the connection string carries it, decoded as the client decodes it', async () => {
    const { code } = await run([], { LEDGER_PASSWORD: 'p%40ss/w0rd?x' });
    expect(code).toBe(0);
    expect(userApi!.requests).toEqual([
      {
        path: '/users/',
        authorization: `Basic ${Buffer.from('admin:ch@nge/it').toString('base64')}`,
        body: { loginName: 'ledger', fullName: 'Grants ledger API', password: 'p@ss/w0rd?x', groups: [] },
      },
    ]);
  });

  it('sets the password of a user that exists, so that a rotated password takes effect', async () => {
    const { code, output } = await run(['ledger'], { LEDGER_PASSWORD: 'rotated%25pass' });
    expect(code).toBe(0);
    expect(userApi!.requests.map(({ path, body }) => [path, body.newPassword])).toEqual([
      ['/users/', undefined],
      ['/users/ledger/command/reset-password', 'rotated%pass'],
    ]);
    expect(output).not.toContain('rotated');
  });

  it("lets the user read $all, and read and write user streams with $admins alone deleting them or touching their metadata", async () => {
    expect((await run([], { LEDGER_PASSWORD: 's3cret' })).code).toBe(0);
    expect((await client.getStreamMetadata('$all')).metadata).toMatchObject({ acl: { readRoles: ['$admins', 'ledger'] } });
    const userStreams = { $r: ['$admins', 'ledger'], $w: ['$admins', 'ledger'], $d: '$admins', $mr: '$admins', $mw: '$admins' };
    const systemStreams = { $r: '$admins', $w: '$admins', $d: '$admins', $mr: '$admins', $mw: '$admins' };
    expect(await defaultAcl()).toEqual({ type: 'update-default-acl', data: { $userStreamAcl: userStreams, $systemStreamAcl: systemStreams } });
  });

  it('refuses a password the API connection string would carry otherwise than written, without quoting it', async () => {
    for (const password of ['p@ssw0rd', 'pass:w0rd', 'p%zzw0rd', ' padded ']) {
      const { code, output } = await run([], { LEDGER_PASSWORD: password });
      expect(code).toBe(1);
      expect(output).toMatch(/^eventstore-ledger-user: LEDGER_PASSWORD (goes into a connection string|holds a "%")/);
      expect(output).not.toContain(password.trim());
      expect(userApi!.requests).toEqual([]);
      userApi!.server.close();
    }
  });
});

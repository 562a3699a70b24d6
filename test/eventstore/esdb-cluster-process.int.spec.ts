/**
 * EventStoreDB test doubles in a process of their own (cluster-process.ts), as the official
 * client's tests run them (conformance/): served over gRPC from the child, stopped and started
 * again on the parent's orders with their data, and gone once closed.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreDBClient, jsonEvent, NO_STREAM, NotLeaderError, type ResolvedEvent, UnavailableError } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterProcess } from '../support/esdb-test-server/cluster-process.js';

const clients: EventStoreDBClient[] = [];

function connect(node: ClusterProcess, index = 0): EventStoreDBClient {
  const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${node.endpoints[index]!.port}?tls=false`);
  clients.push(client);
  return client;
}

async function read(client: EventStoreDBClient, stream: string): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of client.readStream(stream)) events.push(resolved);
  return events;
}

/** The parent of a process, from /proc (Linux); undefined once it has gone. */
function parentOf(pid: string): number | undefined {
  try {
    // After "pid (name) ": state, then the parent's pid.
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The pids of this process's children: the doubles' processes it forked. */
function children(): Set<number> {
  return new Set(readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && parentOf(entry) === process.pid).map(Number));
}

async function gone(pid: number): Promise<void> {
  while (existsSync(`/proc/${pid}`)) await sleep(20);
}

describe('EventStoreDB test doubles in a process of their own', () => {
  let node: ClusterProcess | undefined;
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await node?.close();
  });

  it('serves appends and reads, stops when killed, and serves the same data once resurrected', async () => {
    node = await ClusterProcess.start(1);
    const stream = `application-${randomUUID()}`;
    const appended = jsonEvent({ id: randomUUID(), type: 'GrantApproved', data: { amountFen: 500_000 } });
    await connect(node).appendToStream(stream, appended, { expectedRevision: NO_STREAM });

    await node.kill(node.endpoints[0]!);
    await expect(read(connect(node), stream)).rejects.toBeInstanceOf(UnavailableError);

    await node.resurrect();
    const events = await read(connect(node), stream);
    expect(events.map(({ event }) => [event?.id, event?.data])).toEqual([[appended.id, { amountFen: 500_000 }]]);
  });

  it('starts a cluster whose followers name the leader, and is gone once closed', async () => {
    node = await ClusterProcess.start(3);
    expect(new Set(node.endpoints.map(({ port }) => port)).size).toBe(3);
    const event = jsonEvent({ id: randomUUID(), type: 'GrantApproved', data: {} });
    const refusal = await connect(node, 1)
      .appendToStream(`application-${randomUUID()}`, event, { requiresLeader: true })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(NotLeaderError);
    expect(refusal).toMatchObject({ leader: { address: '127.0.0.1', port: node.endpoints[0]!.port } });

    await node.close();
    await expect(read(connect(node), `application-${randomUUID()}`)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('rejects an order once its process has died, at once and without an uncaught error', async () => {
    const before = children();
    node = await ClusterProcess.start(1);
    const [pid] = [...children()].filter((child) => !before.has(child));
    process.kill(pid!, 'SIGKILL');
    await gone(pid!);
    await expect(node.kill(node.endpoints[0]!)).rejects.toThrow(/gone|closed/i);
    await expect(node.resurrect()).rejects.toThrow(/gone|closed/i);
  });

  it('kills its process when the cluster does not start in time, leaving no orphan', async () => {
    const before = children();
    await expect(ClusterProcess.start(1, {}, 1)).rejects.toThrow(/did not start its cluster within 1 ms/);
    expect([...children()].filter((child) => !before.has(child))).toEqual([]);
  });

  it("rejects a start the doubles refuse with their reason, and leaves no process behind", async () => {
    const before = children();
    await expect(ClusterProcess.start(1, { tls: { key: 'not a key', cert: 'not a certificate' } })).rejects.toThrow(/PEM/);
    expect([...children()].filter((child) => !before.has(child))).toEqual([]);
  });
});

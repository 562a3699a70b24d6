/**
 * A TEST DOUBLE of EventStoreDB, not EventStoreDB: an in-memory gRPC server that speaks the
 * part of EventStoreDB's protocol the ledger's adapter uses (see README.md), so the adapter is
 * tested over real gRPC with the real `@eventstore/db-client`, and faults can be injected.
 *
 * It presents itself as a 24.10 node (its server features list `BatchAppend`, so the client
 * appends through it); methods it does not serve (projections, persistent subscriptions, users…)
 * answer UNIMPLEMENTED. Its port also serves the node's HTTP API (`GET /ping`) over HTTP/1.1, as a
 * node's does (front.ts). `stop()` cuts every open call (as a crash does) and `start()` listens
 * again on the same port with the same data; like a real node, each start writes a
 * `$epoch-information` system event. A double started with `followerOf` shares another's log
 * and refuses what requires the leader, pointing at it.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendHandler, DEFAULT_MAX_APPEND_SIZE } from './append-handler.js';
import { batchAppendHandler } from './batch-append-handler.js';
import { deleteHandler } from './delete-handler.js';
import { EventLog } from './event-log.js';
import { type Endpoint, type FaultControls, Faults } from './faults.js';
import { NodeFront } from './front.js';
import type { NodeContext } from './node.js';
import { gossip, gossipGrpc, grpc, projectionsGrpc, serverFeatures, serverFeaturesGrpc, shared, statusError, streamsGrpc } from './protocol.js';
import { projectionsService, ProjectionEngine } from './projections.js';
import { readHandler } from './read-handler.js';

export interface EsdbTestServer {
  readonly port: number;
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string;
  readonly faults: FaultControls;
  /** How many refusals were injected so far, by kind (not ready, too busy, not leader, timeout). */
  readonly injected: Readonly<Record<string, number>>;
  /** How many events the log holds, system events included. */
  eventCount(): number;
  /** Cuts every open call and stops listening; the data stays. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface EsdbTestServerOptions {
  /** As EventStoreDB's `--max-append-size` (bytes; default 1 MiB). */
  maxAppendSize?: number;
  /** As EventStoreDB's `--write-timeout-ms` (default 2000): how long a timed-out write takes to say so. */
  writeTimeoutMs?: number;
  /** As EventStoreDB's `--prepare-timeout-ms` (default 2000): a write of the double's taking longer is answered as timed out. */
  prepareTimeoutMs?: number;
  /** As EventStoreDB's `--commit-timeout-ms` (default 2000): a write of the double's taking longer is answered as timed out. */
  commitTimeoutMs?: number;
  /**
   * How often pending writes are checked against those timeouts: every 1,000 ms, as EventStoreDB's
   * request manager does; 0 checks each write as it ends (a test that wants every slow write timed out).
   */
  timeoutCheckMs?: number;
  /** Refuse every read of `$all` (reads and subscriptions) with "access denied", as a secure node does to a user without read access to it. */
  allReadDenied?: boolean;
  /** A follower of this double: the same log, and "not the leader" to what requires the leader. */
  followerOf?: EsdbTestServer;
  /** Serve TLS with this key and certificate (PEM), as a secure node does; credentials are not checked. */
  tls?: { key: Buffer; cert: Buffer };
  /** A member of a cluster of doubles (test-cluster.ts): its log, its leader, and the members its gossip lists. */
  member?: ClusterMember;
}

/** What a double in a cluster asks the cluster, at every call. */
export interface ClusterMember {
  log: EventLog;
  /** The leader's address while this node is a follower; undefined while it leads. */
  leader(): Endpoint | undefined;
  /** The members as gossip lists them. */
  gossip(): GossipMember[];
}

export interface GossipMember {
  instanceId: string;
  endpoint: Endpoint;
  state: 'leader' | 'follower';
  alive: boolean;
}

/** Starts a test double on a free port. */
export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const server = new TestServer(options);
  await server.start();
  return server;
}

function followerMember(leader: TestServer): ClusterMember {
  return { log: leader.log, leader: () => ({ host: '127.0.0.1', port: leader.port }), gossip: () => [] };
}

/** The version a 24.10 node reports; the client and its tests gate features on it. */
export const SERVER_VERSION = '24.10.0';
const STREAMS_SERVICE = 'event_store.client.streams.streams';
const SERVED_METHODS = ['read', 'append', 'batchappend', 'delete', 'tombstone'];
/** Time for the cancelled calls' resets, then the cut connections, to reach the clients. */
const SHUTDOWN_GRACE_MS = 50;
const DEFAULT_WRITE_TIMEOUT_MS = 2000;
/** EventStoreDB's request manager checks pending writes against their timeouts once a second. */
const TIMEOUT_CHECK_MS = 1000;

class TestServer implements EsdbTestServer {
  port = 0;
  readonly faults = new Faults();
  readonly log: EventLog;
  private readonly node: NodeContext;
  private readonly projections: ProjectionEngine;
  private readonly member: ClusterMember | undefined;
  private grpcServer: grpc.Server | undefined;
  private front: NodeFront | undefined;
  private epoch = 0;

  constructor(private readonly options: EsdbTestServerOptions) {
    const leader = options.followerOf as TestServer | undefined;
    this.member = options.member ?? (leader && followerMember(leader));
    this.log = this.member?.log ?? new EventLog();
    this.node = {
      log: this.log,
      faults: this.faults,
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      writeTimeoutMs: options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      prepareTimeoutMs: options.prepareTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      commitTimeoutMs: options.commitTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      timeoutCheckMs: options.timeoutCheckMs ?? TIMEOUT_CHECK_MS,
      allReadDenied: options.allReadDenied ?? false,
      leader: (): Endpoint | undefined => this.member?.leader(),
    };
    this.projections = new ProjectionEngine(this.log);
  }

  get injected(): Readonly<Record<string, number>> {
    return this.faults.injected;
  }

  eventCount(): number {
    return this.log.all.length;
  }

  async start(): Promise<void> {
    if (this.grpcServer) return;
    const server = new grpc.Server();
    server.addService(streamsGrpc.StreamsService, {
      read: readHandler(this.node),
      append: appendHandler(this.node),
      batchAppend: batchAppendHandler(this.node),
      delete: deleteHandler(this.node, false),
      tombstone: deleteHandler(this.node, true),
    });
    server.addService(serverFeaturesGrpc.ServerFeaturesService, { getSupportedMethods: this.supportedMethods() });
    server.addService(gossipGrpc.GossipService, { read: this.gossip() });
    server.addService(projectionsGrpc.ProjectionsService, projectionsService(this.node, this.projections));
    const grpcPort = await bindLoopback(server);
    this.front = await NodeFront.listen({ port: this.port, grpcPort, tls: this.options.tls });
    this.port = this.front.port;
    this.grpcServer = server;
    this.writeEpoch();
    if (this.log.all.length === 1) writeDefaultUsers(this.log);
  }

  /** As a node shutting down: open reads and subscriptions end CANCELLED, then every connection is cut. */
  async stop(): Promise<void> {
    const server = this.grpcServer;
    if (!server) return;
    this.grpcServer = undefined;
    this.faults.endOpenCalls(statusError(grpc.status.CANCELLED, 'test double: the node is shutting down'));
    await sleep(SHUTDOWN_GRACE_MS);
    server.forceShutdown();
    await this.front?.close();
    this.front = undefined;
    // A stopped node is gone when stop() returns: let its clients see the connections close.
    await sleep(SHUTDOWN_GRACE_MS);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async close(): Promise<void> {
    this.faults.reset();
    await this.stop();
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** `Gossip.Read`: the cluster's members, or this node alone as leader. */
  private gossip() {
    return (_call: unknown, callback: grpc.sendUnaryData<InstanceType<typeof gossip.ClusterInfo>>) => {
      const alone: GossipMember = { instanceId: '00000000-0000-4000-8000-000000000000', endpoint: { host: '127.0.0.1', port: this.port }, state: 'leader', alive: true };
      const members = (this.member?.gossip() ?? []).length ? this.member!.gossip() : [alone];
      callback(null, new gossip.ClusterInfo().setMembersList(members.map(memberInfo)));
    };
  }

  private writeEpoch(): void {
    const data = Buffer.from(JSON.stringify({ epochNumber: this.epoch++, epochId: randomUUID() }));
    const epoch = { id: randomUUID(), type: '$epoch-information', contentType: 'application/json', data, metadata: new Uint8Array() };
    this.log.append('$epoch-information', { kind: 'any' }, [epoch]);
  }

  /** Lists what the double serves; with `batchappend` listed, the client appends through `BatchAppend`. */
  private supportedMethods() {
    return async (_call: unknown, callback: grpc.sendUnaryData<InstanceType<typeof serverFeatures.SupportedMethods>>) => {
      const refusal = await this.faults.admit();
      if (refusal) return callback(refusal);
      const methods = SERVED_METHODS.map((name) => new serverFeatures.SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name));
      callback(null, new serverFeatures.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
    };
  }
}

/**
 * What a new node writes after its first epoch: its default users (`$user-admin`, `$user-ops`,
 * each announced in `$users`) and its settings (the default ACLs), so `$all` holds
 * `$`-prefixed streams of the server's own from the start, as on a real node.
 */
function writeDefaultUsers(log: EventLog): void {
  const json = (type: string, data: object) => ({
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    metadata: new Uint8Array(),
  });
  for (const [login, group] of [['admin', '$admins'], ['ops', '$ops']] as const) {
    log.append(`$user-${login}`, { kind: 'any' }, [json('$user', { loginName: login, fullName: login, groups: [group] })]);
    log.append('$users', { kind: 'any' }, [json('$UserCreated', { loginName: login })]);
  }
  const acl = { $r: '$all', $w: '$all', $d: '$all', $mr: '$all', $mw: '$all' };
  log.append('$settings', { kind: 'any' }, [json('$settings', { $userStreamAcl: acl, $systemStreamAcl: { ...acl, $r: '$admins' } })]);
}

function memberInfo(member: GossipMember): InstanceType<typeof gossip.MemberInfo> {
  const { VNodeState } = gossip.MemberInfo;
  return new gossip.MemberInfo()
    .setInstanceId(new shared.UUID().setString(member.instanceId))
    .setTimeStamp(String(Date.now()))
    .setState(member.state === 'leader' ? VNodeState.LEADER : VNodeState.FOLLOWER)
    .setIsAlive(member.alive)
    .setHttpEndPoint(new gossip.EndPoint().setAddress(member.endpoint.host).setPort(member.endpoint.port));
}

/** Binds the gRPC server, in the clear, on a free loopback port behind the front (front.ts). */
function bindLoopback(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
}

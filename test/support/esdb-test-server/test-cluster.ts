/**
 * A cluster of EventStoreDB TEST DOUBLES (not EventStoreDB): `count` doubles on one in-memory
 * log, the first the leader, the others followers that refuse what requires the leader and name
 * it; each lists the living members in its gossip. Killing a node stops it (its open calls end
 * as a crash ends them); killing the leader makes the next living node the leader, as an
 * election would. For the official client's own tests (conformance/), which start clusters.
 */
import { randomUUID } from 'node:crypto';
import { EventLog } from './event-log.js';
import { type ClusterMember, type EsdbTestServer, type EsdbTestServerOptions, type GossipMember, startEsdbTestServer } from './esdb-test-server.js';
import type { Endpoint } from './faults.js';

export const CLUSTER_HOST = '127.0.0.1';

interface Node {
  server: EsdbTestServer;
  instanceId: string;
  alive: boolean;
}

export class TestCluster {
  private constructor(
    private readonly nodes: Node[],
    private leaderIndex = 0,
  ) {}

  static async start(count: number, options: Omit<EsdbTestServerOptions, 'member' | 'followerOf'> = {}): Promise<TestCluster> {
    const log = new EventLog();
    const nodes: Node[] = [];
    const cluster = new TestCluster(nodes);
    for (let i = 0; i < count; i++) {
      const member: ClusterMember = { log, leader: () => cluster.leaderFor(i), gossip: () => cluster.gossip() };
      nodes.push({ server: await startEsdbTestServer({ ...options, member }), instanceId: randomUUID(), alive: true });
    }
    return cluster;
  }

  get endpoints(): { address: string; port: number }[] {
    return this.nodes.map(({ server }) => ({ address: CLUSTER_HOST, port: server.port }));
  }

  get servers(): EsdbTestServer[] {
    return this.nodes.map((node) => node.server);
  }

  /** Stops the node at `endpoint`; a new leader among the living if it led. */
  async kill(endpoint: { port: number }): Promise<void> {
    const index = this.nodes.findIndex(({ server }) => server.port === endpoint.port);
    if (index < 0) throw new Error(`no node of this cluster listens on port ${endpoint.port}`);
    this.nodes[index]!.alive = false;
    await this.nodes[index]!.server.stop();
    if (index === this.leaderIndex) this.leaderIndex = this.nodes.findIndex((node) => node.alive);
  }

  /** Starts every stopped node again, as followers. */
  async resurrect(): Promise<void> {
    for (const node of this.nodes.filter((n) => !n.alive)) {
      await node.server.start();
      node.alive = true;
    }
    if (this.leaderIndex < 0) this.leaderIndex = 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.map(({ server }) => server.close()));
  }

  private leaderFor(index: number): Endpoint | undefined {
    const leader = this.nodes[this.leaderIndex];
    if (index === this.leaderIndex || !leader) return undefined;
    return { host: CLUSTER_HOST, port: leader.server.port };
  }

  private gossip(): GossipMember[] {
    return this.nodes.map((node, i) => ({
      instanceId: node.instanceId,
      endpoint: { host: CLUSTER_HOST, port: node.server.port },
      state: i === this.leaderIndex ? 'leader' : 'follower',
      alive: node.alive,
    }));
  }
}

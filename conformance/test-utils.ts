/**
 * `@test-utils` for the official client's tests: their own helpers, unchanged, except the
 * cluster, which starts EventStoreDB TEST DOUBLES (test/support/esdb-test-server/) where theirs
 * starts EventStoreDB in docker. As theirs, the doubles run in a process of their own
 * (cluster-process.ts), so the server's work never shares the test's event loop.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ClusterProcess, type ClusterProcessOptions } from '../test/support/esdb-test-server/cluster-process.js';
import { CLUSTER_HOST } from '../test/support/esdb-test-server/test-cluster.js';

export * from '@conformance-utils/collect';
export * from '@conformance-utils/Defer';
export * from '@conformance-utils/delay';
export * from '@conformance-utils/testEvents';
export * from '@conformance-utils/getCurrentConnection';
export * from '@conformance-utils/matchServerVersion';
export * from '@conformance-utils/optionalDescribe';

/** What the double is started with from the EventStoreDB settings a test sets. */
type NodeOptions = Omit<ClusterProcessOptions, 'tls'>;

/** EventStoreDB settings the tests set that the double honours. */
const OPTIONS: Record<string, (value: unknown) => NodeOptions> = {
  EVENTSTORE_MAX_APPEND_SIZE: (value) => ({ maxAppendSize: Number(value) }),
  EVENTSTORE_PREPARE_TIMEOUT_MS: (value) => ({ prepareTimeoutMs: Number(value) }),
  EVENTSTORE_COMMIT_TIMEOUT_MS: (value) => ({ commitTimeoutMs: Number(value) }),
};

export class Cluster {
  private cluster: ClusterProcess | undefined;
  private options: NodeOptions = {};
  public domain = CLUSTER_HOST;

  constructor(
    private readonly count: number,
    private readonly insecure = false,
  ) {}

  setLogLevel = (): this => this;

  setOption = (key: string, value: unknown): this => {
    const option = OPTIONS[key];
    if (!option) throw new Error(`the test double does not take the EventStoreDB option ${key}`);
    this.options = { ...this.options, ...option(value) };
    return this;
  };

  get certs() {
    if (this.insecure) throw new Error('No Cert for insecure cluster');
    return {
      root: readFileSync(join(inject('esdbCerts'), 'ca.crt')),
      get users(): never {
        throw new Error('the test double does not authenticate users by certificate');
      },
    };
  }

  get uri(): string {
    return `${CLUSTER_HOST}:${this.started.endpoints[0]!.port}`;
  }

  get endpoints() {
    return this.started.endpoints;
  }

  up = async (): Promise<void> => {
    const dir = inject('esdbCerts');
    const tls = this.insecure ? undefined : { key: readFileSync(join(dir, 'node.key'), 'utf8'), cert: readFileSync(join(dir, 'node.crt'), 'utf8') };
    this.cluster = await ClusterProcess.start(this.count, { ...this.options, tls });
  };

  down = async (): Promise<void> => {
    await this.cluster?.close();
  };

  killNode = (node: { port: number }): Promise<void> => this.started.kill(node);

  resurrect = (): Promise<void> => this.started.resurrect();

  private get started(): ClusterProcess {
    if (!this.cluster) throw new Error('the cluster is not up');
    return this.cluster;
  }
}

export const createTestNode = (): Cluster => new Cluster(1);
export const createTestCluster = (count = 3): Cluster => new Cluster(count);
export const createInsecureTestNode = (): Cluster => new Cluster(1, true);
export const createInsecureTestCluster = (count = 3): Cluster => new Cluster(count, true);

/**
 * A cluster of EventStoreDB TEST DOUBLES (test-cluster.ts) in a process of its own, so the
 * doubles' work runs on another thread than the client's: the official client's tests
 * (conformance/) flood a node with thousands of appends at once, and a double in the test's own
 * process would share its event loop. The parent talks to the doubles over gRPC as before; this
 * module only starts, stops and closes them on its orders.
 *
 * `ClusterProcess.start` (in the test's process) forks this file (run with tsx), which, as the
 * child, starts the cluster and answers the parent's orders over the IPC channel.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { TestCluster } from './test-cluster.js';

/** What the child is asked to start: the doubles' options, with TLS as PEM text (IPC carries JSON). */
export interface ClusterProcessOptions {
  maxAppendSize?: number;
  tls?: { key: string; cert: string };
}

type Order = { op: 'kill'; port: number } | { op: 'resurrect' } | { op: 'close' };
type Reply = { id: number; error?: string };
type Started = { endpoints: { address: string; port: number }[] } | { error: string };

const REPOSITORY = resolve(import.meta.dirname, '../../..');

/** The parent's handle on a cluster of doubles living in a child process. */
export class ClusterProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly endpoints: { address: string; port: number }[],
  ) {
    child.on('message', (reply: Reply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    child.on('exit', () => this.waiting.forEach((answer, id) => answer({ id, error: 'the doubles\' process exited' })));
  }

  static async start(count: number, options: ClusterProcessOptions = {}): Promise<ClusterProcess> {
    const child = fork(import.meta.filename, [JSON.stringify({ count, options })], {
      cwd: REPOSITORY,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const started = await new Promise<Started>((done) => {
      child.once('message', (message: Started) => done(message));
      child.once('exit', (code) => done({ error: `the doubles' process exited (${code}) before its cluster started` }));
    });
    if ('error' in started) throw new Error(started.error);
    return new ClusterProcess(child, started.endpoints);
  }

  /** Stops the node at `endpoint` (test-cluster.ts `kill`). */
  kill(endpoint: { port: number }): Promise<void> {
    return this.order({ op: 'kill', port: endpoint.port });
  }

  /** Starts every stopped node again. */
  resurrect(): Promise<void> {
    return this.order({ op: 'resurrect' });
  }

  /** Closes the doubles; the child then exits. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    await this.order({ op: 'close' });
    await exited;
  }

  private async order(order: Order): Promise<void> {
    const id = this.nextId++;
    const reply = await new Promise<Reply>((answer) => {
      this.waiting.set(id, answer);
      this.child.send({ id, ...order });
    });
    if (reply.error) throw new Error(reply.error);
  }
}

/** The child: starts the cluster, reports its endpoints, then obeys until closed or orphaned. */
async function serve(): Promise<void> {
  const send = (message: Started | Reply): void => void process.send!(message);
  const { count, options } = JSON.parse(process.argv[2]!) as { count: number; options: ClusterProcessOptions };
  const tls = options.tls && { key: Buffer.from(options.tls.key), cert: Buffer.from(options.tls.cert) };
  let cluster: TestCluster;
  try {
    cluster = await TestCluster.start(count, { ...options, tls });
  } catch (error) {
    send({ error: String(error) });
    return;
  }
  send({ endpoints: cluster.endpoints });
  const obey = (order: Order): Promise<void> =>
    order.op === 'kill' ? cluster.kill({ port: order.port }) : order.op === 'resurrect' ? cluster.resurrect() : cluster.close();
  process.on('message', (message: Order & { id: number }) => {
    obey(message).then(
      () => {
        send({ id: message.id });
        if (message.op === 'close') process.disconnect();
      },
      (error: unknown) => send({ id: message.id, error: String(error) }),
    );
  });
  // The test's process ended without closing the cluster: nothing is left to serve.
  process.on('disconnect', () => void cluster.close().finally(() => process.exit(0)));
}

if (process.send && process.argv[1] === import.meta.filename) void serve();

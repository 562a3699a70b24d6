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
import type { EsdbTestServerOptions } from './esdb-test-server.js';
import { TestCluster } from './test-cluster.js';

/** What the child is asked to start: the doubles' options, with TLS as PEM text (IPC carries JSON). */
/** The settings of each double in the child that a test may give (as EventStoreDB's settings). */
export interface ClusterProcessOptions extends Pick<EsdbTestServerOptions, 'maxAppendSize' | 'prepareTimeoutMs' | 'commitTimeoutMs'> {
  tls?: { key: string; cert: string };
}

type Order = { op: 'kill'; port: number } | { op: 'resurrect' } | { op: 'close' };
type Reply = { id: number; error?: string };
type Started = { endpoints: { address: string; port: number }[] } | { error: string };

const REPOSITORY = resolve(import.meta.dirname, '../../..');

const START_TIMEOUT_MS = 30_000;
const GONE = "the doubles' process is gone";

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
    child.on('exit', () => this.answerAll(GONE));
    child.on('error', (error) => this.answerAll(String(error)));
  }

  /**
   * Forks the child and waits until its cluster serves. A start that fails or takes longer than
   * `startTimeoutMs` kills the child before rejecting: no orphan is left holding ports.
   */
  static async start(count: number, options: ClusterProcessOptions = {}, startTimeoutMs = START_TIMEOUT_MS): Promise<ClusterProcess> {
    const child = fork(import.meta.filename, [JSON.stringify({ count, options })], {
      cwd: REPOSITORY,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const started = await startOf(child, startTimeoutMs);
      if ('error' in started) throw new Error(started.error);
      return new ClusterProcess(child, started.endpoints);
    } catch (error) {
      await stop(child);
      throw error;
    }
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

  /** Sends an order and settles with the child's reply, or at once when the child cannot take it. */
  private order(order: Order): Promise<void> {
    if (!this.child.connected) return Promise.reject(new Error(GONE));
    const id = this.nextId++;
    return new Promise<void>((done, fail) => {
      this.waiting.set(id, (reply) => (reply.error ? fail(new Error(reply.error)) : done()));
      this.child.send({ id, ...order }, (error) => {
        if (error) this.answer(id, String(error));
      });
    });
  }

  private answer(id: number, error: string): void {
    this.waiting.get(id)?.({ id, error });
    this.waiting.delete(id);
  }

  private answerAll(error: string): void {
    [...this.waiting.keys()].forEach((id) => this.answer(id, error));
  }
}

/** The child's first word: its endpoints or why it could not start, or why it said nothing in time. */
function startOf(child: ChildProcess, timeoutMs: number): Promise<Started> {
  return new Promise<Started>((done) => {
    const timer = setTimeout(() => done({ error: `the doubles' process did not start its cluster within ${timeoutMs} ms` }), timeoutMs);
    const settle = (started: Started): void => {
      clearTimeout(timer);
      done(started);
    };
    child.once('message', settle);
    child.once('exit', (code) => settle({ error: `the doubles' process exited (${code}) before its cluster started` }));
    child.once('error', (error) => settle({ error: `the doubles' process failed: ${String(error)}` }));
  });
}

/** Kills the child unless it has exited, and waits until it has. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill();
  await exited;
}

/** The child: starts the cluster, reports its endpoints, then obeys until closed or orphaned. */
async function serve(): Promise<void> {
  // A failed send means the parent is gone; 'disconnect' below ends the child then.
  const send = (message: Started | Reply, then = () => {}): void => void process.send!(message, undefined, undefined, then);
  const { count, options } = JSON.parse(process.argv[2]!) as { count: number; options: ClusterProcessOptions };
  const tls = options.tls && { key: Buffer.from(options.tls.key), cert: Buffer.from(options.tls.cert) };
  let cluster: TestCluster | undefined;
  // The test's process ended, or gave up waiting, without closing the cluster: nothing is left to serve.
  process.on('disconnect', () => void (cluster?.close() ?? Promise.resolve()).finally(() => process.exit(0)));
  try {
    cluster = await TestCluster.start(count, { ...options, tls });
  } catch (error) {
    send({ error: String(error) }, () => process.exit(1));
    return;
  }
  const serving = cluster;
  send({ endpoints: serving.endpoints });
  const obey = (order: Order): Promise<void> =>
    order.op === 'kill' ? serving.kill({ port: order.port }) : order.op === 'resurrect' ? serving.resurrect() : serving.close();
  process.on('message', (message: Order & { id: number }) => {
    obey(message).then(
      () => {
        send({ id: message.id });
        if (message.op === 'close') process.disconnect();
      },
      (error: unknown) => send({ id: message.id, error: String(error) }),
    );
  });
}

if (process.send && process.argv[1] === import.meta.filename) void serve();

/**
 * The benchmark's HTTP clients, in a child process so that they do not take the server's CPU:
 * `clients` keep-alive connections, each sending one request after another. A load generator
 * (like wrk or autocannon): every request is written once as HTTP/1.1 bytes up front and each
 * answer is framed by its Content-Length, so the clients spend little of the machine's two cores
 * and the server's share is what gets measured. Warms up first, tells the parent, waits for its
 * go, then runs `seconds` and posts back every request's latency in milliseconds.
 *
 * With `persistedQueries`, the clients speak automatic persisted queries as Apollo Client's
 * persisted-query link does: each request carries only the query's SHA-256; when the server
 * answers PERSISTED_QUERY_NOT_FOUND (the first time, or after its cache let the query go) the
 * same request is sent again with the query, and the retry counts in that request's latency.
 */
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ClientsJob {
  url: string;
  token: string;
  query: string;
  /** Send the query's hash instead of its text (automatic persisted queries). */
  persistedQueries: boolean;
  /** Each request takes the next of these, round robin. */
  variables: Record<string, unknown>[];
  clients: number;
  warmUpSeconds: number;
  seconds: number;
}

/** Messages to the parent: warmed up (waiting for `go`), then the result. */
export type ClientsMessage = { warmedUp: true } | ClientsResult;

export interface ClientsResult {
  latencies: number[];
  seconds: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** The server's answer to a hash it does not know: send the query with it. */
const NOT_PERSISTED = '"PERSISTED_QUERY_NOT_FOUND"';

/** One keep-alive connection; `send` writes a request and resolves with the answer's body. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve(body: string): void; reject(error: Error): void } | undefined;
  private readonly socket: Socket;

  constructor(host: string, port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.received(chunk));
    this.socket.on('error', (error) => this.pending?.reject(error));
    this.socket.on('close', () => this.pending?.reject(new Error('the server closed the connection')));
  }

  send(request: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const headEnd = this.buffer.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`an answer without Content-Length: ${head}`));
    const end = headEnd + HEAD_END.length + Number(length[1]);
    if (this.buffer.length < end) return;
    const body = this.buffer.toString('utf8', headEnd + HEAD_END.length, end);
    this.buffer = this.buffer.subarray(end);
    const ok = head.startsWith('HTTP/1.1 200 ') && !body.startsWith('{"errors"') && !body.includes('"errors":');
    if (!ok && !body.includes(NOT_PERSISTED)) return this.fail(new Error(`${head.split('\r\n')[0]}: ${body.slice(0, 500)}`));
    const pending = this.pending!;
    this.pending = undefined;
    pending.resolve(body);
  }

  private fail(error: Error): void {
    this.pending?.reject(error);
    this.pending = undefined;
  }
}

/** One request as bytes: `short` first, `full` when the server does not know the short one's hash. */
interface Request {
  short: Buffer;
  full: Buffer;
}

/** The POST requests, one per set of variables. */
function requestsOf(job: ClientsJob, url: URL): Request[] {
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(job.query).digest('hex') };
  return job.variables.map((variables) => {
    const full = post(url, job.token, { query: job.query, variables, ...(job.persistedQueries ? { extensions: { persistedQuery } } : {}) });
    return { short: job.persistedQueries ? post(url, job.token, { variables, extensions: { persistedQuery } }) : full, full };
  });
}

function post(url: URL, token: string, request: Record<string, unknown>): Buffer {
  const body = JSON.stringify(request);
  const head = [
    `POST ${url.pathname} HTTP/1.1`,
    `host: ${url.host}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    `authorization: Bearer ${token}`,
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/** A request as a client sends it: the short form, and the full one if the server asks for it. */
async function exchange(connection: Connection, request: Request): Promise<void> {
  const body = await connection.send(request.short);
  if (request.short !== request.full && body.includes(NOT_PERSISTED)) await connection.send(request.full);
}

/** Every connection sends requests one after another until `seconds` have passed. */
async function load(connections: Connection[], requests: Request[], seconds: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  let next = 0;
  await Promise.all(
    connections.map(async (connection) => {
      while (performance.now() < end) {
        const sent = performance.now();
        await exchange(connection, requests[next++ % requests.length]!);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - start) / 1000 };
}

const job = await new Promise<ClientsJob>((resolve) => process.once('message', resolve));
const url = new URL(job.url);
const requests = requestsOf(job, url);
const connections = Array.from({ length: job.clients }, () => new Connection(url.hostname, Number(url.port)));
await load(connections, requests, job.warmUpSeconds);
const go = new Promise((resolve) => process.once('message', resolve));
process.send!({ warmedUp: true } satisfies ClientsMessage);
await go;
const result = await load(connections, requests, job.seconds);
for (const connection of connections) connection.close();
process.send!(result satisfies ClientsMessage, () => process.disconnect());

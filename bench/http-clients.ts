/**
 * The benchmark's HTTP clients, in a child process so that they do not take the server's CPU:
 * `clients` loops, each sending one request after another for `seconds`, over keep-alive
 * connections. Posts back every request's latency in milliseconds, and how long it ran.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ClientsJob {
  url: string;
  token: string;
  query: string;
  /** Each request takes the next of these, round robin. */
  variables: Record<string, unknown>[];
  clients: number;
  seconds: number;
}

export interface ClientsResult {
  latencies: number[];
  seconds: number;
}

const job = await new Promise<ClientsJob>((resolve) => process.once('message', resolve));
const agent = new Agent({ keepAlive: true, maxSockets: job.clients });
const bodies = job.variables.map((variables) => JSON.stringify({ query: job.query, variables }));

function send(body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(job.url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${job.token}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 && !text.startsWith('{"errors"') && !text.includes('"errors":') ? resolve() : reject(new Error(text.slice(0, 500)))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const latencies: number[] = [];
const start = performance.now();
const end = start + job.seconds * 1000;
let next = 0;
await Promise.all(
  Array.from({ length: job.clients }, async () => {
    while (performance.now() < end) {
      const start = performance.now();
      await send(bodies[next++ % bodies.length]!);
      latencies.push(performance.now() - start);
    }
  }),
);
agent.destroy();
process.send!({ latencies, seconds: (performance.now() - start) / 1000 } satisfies ClientsResult, () => process.disconnect());

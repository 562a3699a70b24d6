/**
 * A benchmark's plain HTTP server: node:http, one function from the request to a status and a
 * result, the result stringified with its Content-Length (the clients frame answers by it).
 * The controls of bench:api stand on it; never a product server.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonServer {
  url: string;
  stop(): Promise<void>;
}

export async function startJsonServer(answer: (req: IncomingMessage) => Promise<[status: number, result: unknown]>): Promise<JsonServer> {
  const server = createServer((req, res) => {
    answer(req)
      .catch((error: unknown) => [500, { errors: [{ message: String(error) }] }] as const)
      .then(([status, result]) => {
        const text = `${JSON.stringify(result)}\n`;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

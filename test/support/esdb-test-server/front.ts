/**
 * The double's public port, serving gRPC and the node's HTTP API on it as EventStoreDB does
 * (Kestrel speaks HTTP/2 and HTTP/1.1 on one port): grpc-js speaks HTTP/2 only, so the front
 * listens on the public port and hands each connection, bytes untouched, to the gRPC server or
 * to the HTTP API, both on loopback ports of their own. Over TLS (the node's certificate) the
 * protocol the client chose by ALPN decides (`h2` for gRPC; the client's `HTTPRequest` offers
 * none); in the clear, the first bytes do (HTTP/2's preface `PRI * HTTP/2.0` or a request line).
 * A connection cut on either side is cut on the other, so a node that stops drops its clients'
 * connections as before.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';

const HOST = '127.0.0.1';
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n');
const BIND_ATTEMPTS = 50;
/** `HttpMessage.TextMessage`'s message type id, which a node's JSON answers carry (any number: the node numbers its message types at start). */
const TEXT_MESSAGE_TYPE_ID = 1;

export interface FrontOptions {
  /** The public port; 0: any free one. */
  port: number;
  /** The loopback port of the gRPC server (HTTP/2 in the clear). */
  grpcPort: number;
  tls?: { key: Buffer; cert: Buffer };
}

export class NodeFront {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  port = 0;

  private constructor(
    private readonly http: HttpServer,
    private readonly httpPort: number,
    private readonly grpcPort: number,
    tls: FrontOptions['tls'],
  ) {
    this.server = tls
      ? createTlsServer({ key: tls.key, cert: tls.cert, ALPNProtocols: ['h2', 'http/1.1'] }, (socket: TLSSocket) =>
          this.route(socket, () => (socket.alpnProtocol === 'h2' ? 'grpc' : 'http')),
        )
      : createNetServer((socket) => this.route(socket, (first) => (isHttp2(first) ? 'grpc' : 'http')));
  }

  static async listen({ port, grpcPort, tls }: FrontOptions): Promise<NodeFront> {
    const http = createHttpServer(httpApi);
    const front = new NodeFront(http, await listen(http, 0), grpcPort, tls);
    front.port = await listenWithRetry(front.server, port);
    return front;
  }

  /** Stops listening and cuts every connection, those piped to the gRPC server and the HTTP API included. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.http.closeAllConnections();
    await Promise.all([closed(this.server), closed(this.http)]);
  }

  /** Pipes the connection, from its first bytes on, to the server its protocol asks for. */
  private route(socket: Socket, target: (first: Buffer) => 'grpc' | 'http'): void {
    this.track(socket);
    socket.once('data', (first: Buffer) => {
      socket.pause();
      const upstream = connect(target(first) === 'grpc' ? this.grpcPort : this.httpPort, HOST);
      this.track(upstream);
      upstream.setNoDelay(true);
      socket.setNoDelay(true);
      upstream.write(first);
      socket.pipe(upstream);
      upstream.pipe(socket);
      socket.resume();
      // A cut on either side cuts the other: a client must see its node's connection drop.
      upstream.once('close', (hadError) => (hadError ? socket.destroy() : socket.end()));
      socket.once('close', () => upstream.destroy());
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/** The node's HTTP API, as much of it as the client's `HTTPRequest` is tested with: `GET /ping`; anything else 404. */
function httpApi(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  if (request.method === 'GET' && request.url?.split('?')[0] === '/ping') {
    // EventStoreDB's PingController: an `HttpMessage.TextMessage`, which its JSON codec writes with the message's type id.
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ msgTypeId: TEXT_MESSAGE_TYPE_ID, text: 'Ping request successfully handled' }));
    return;
  }
  response.writeHead(404).end();
}

function isHttp2(first: Buffer): boolean {
  const length = Math.min(first.length, HTTP2_PREFACE.length);
  return first.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length));
}

function listen(server: Server | HttpServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Listens on `port`; right after a stop the old socket may still be closing. */
async function listenWithRetry(server: Server, port: number): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await listen(server, port);
    } catch (error) {
      if (attempt === BIND_ATTEMPTS) throw error;
      await sleep(20);
    }
  }
}

function closed(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

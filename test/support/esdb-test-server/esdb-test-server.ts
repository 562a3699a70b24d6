/**
 * A TEST DOUBLE of EventStoreDB, not EventStoreDB: an in-memory gRPC server that speaks the
 * part of EventStoreDB's protocol the ledger's adapter uses (see README.md), so the adapter is
 * tested over real gRPC with the real `@eventstore/db-client`, and faults can be injected.
 *
 * Methods it does not serve (delete, tombstone, batch append…) answer UNIMPLEMENTED.
 * `stop()` cuts every open call (as a crash does) and `start()` listens again on the same port
 * with the same data; like a real node, each start writes a `$epoch-information` system event.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendHandler, DEFAULT_MAX_APPEND_SIZE } from './append-handler.js';
import { EventLog } from './event-log.js';
import { type FaultControls, Faults } from './faults.js';
import { grpc, serverFeatures, serverFeaturesGrpc, streamsGrpc } from './protocol.js';
import { readHandler } from './read-handler.js';

export interface EsdbTestServer {
  readonly port: number;
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string;
  readonly faults: FaultControls;
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
}

/** Starts a test double on a free port. */
export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const server = new TestServer(options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE);
  await server.start();
  return server;
}

const SERVER_VERSION = '0.0.0-test-double';
const BIND_ATTEMPTS = 50;

class TestServer implements EsdbTestServer {
  port = 0;
  readonly faults = new Faults();
  private readonly log = new EventLog();
  private grpcServer: grpc.Server | undefined;
  private epoch = 0;

  constructor(private readonly maxAppendSize: number) {}

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  eventCount(): number {
    return this.log.all.length;
  }

  async start(): Promise<void> {
    if (this.grpcServer) return;
    const server = new grpc.Server();
    server.addService(streamsGrpc.StreamsService, {
      read: readHandler(this.log, this.faults),
      append: appendHandler(this.log, this.faults, this.maxAppendSize),
    });
    server.addService(serverFeaturesGrpc.ServerFeaturesService, { getSupportedMethods: this.supportedMethods() });
    this.port = await bindWithRetry(server, this.port);
    this.grpcServer = server;
    this.writeEpoch();
  }

  async stop(): Promise<void> {
    this.grpcServer?.forceShutdown();
    this.grpcServer = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async close(): Promise<void> {
    this.faults.reset();
    await this.stop();
  }

  private writeEpoch(): void {
    const data = Buffer.from(JSON.stringify({ epochNumber: this.epoch++, epochId: randomUUID() }));
    const epoch = { id: randomUUID(), type: '$epoch-information', contentType: 'application/json', data, metadata: new Uint8Array() };
    this.log.append('$epoch-information', { kind: 'any' }, [epoch]);
  }

  /** Lists what the double serves; without `batchappend` the client appends with `Streams.Append`. */
  private supportedMethods() {
    return async (_call: unknown, callback: grpc.sendUnaryData<InstanceType<typeof serverFeatures.SupportedMethods>>) => {
      const refusal = await this.faults.admit();
      if (refusal) return callback(refusal);
      const methods = ['read', 'append'].map((name) =>
        new serverFeatures.SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name),
      );
      callback(null, new serverFeatures.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
    };
  }
}

/** Binds `127.0.0.1:port` (0: any free port); right after a stop the old socket may still be closing. */
async function bindWithRetry(server: grpc.Server, port: number): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
          error ? reject(error) : resolve(bound),
        ),
      );
    } catch (error) {
      if (attempt === BIND_ATTEMPTS) throw error;
      await sleep(20);
    }
  }
}

/**
 * Continuous projections, as much of EventStoreDB's projection subsystem as the official
 * client's tests use: `fromStream(name).when({ $init, $any, <type>: (state, ev) => state })`,
 * with `emit(stream, type, data, metadata)` and `linkTo(stream, ev)` inside the handlers, run
 * in a `node:vm` context on the events of the stream, past and future. Emitted events are
 * written as the server writes its own (no `--max-append-size`). `Create`, `Enable` and
 * `Statistics` are served; a created projection is "Running". The ledger itself uses no
 * projection of EventStoreDB.
 */
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import type { EventLog, StoredEvent } from './event-log.js';
import { admit, type NodeContext } from './node.js';
import { grpc, projections, statusError } from './protocol.js';

type Handler = (state: unknown, event: ProjectionEvent) => unknown;

interface ProjectionEvent {
  streamId: string;
  sequenceNumber: number;
  eventType: string;
  eventId: string;
  body: unknown;
  data: unknown;
  bodyRaw: string;
}

interface Projection {
  name: string;
  source: string;
  handlers: Record<string, Handler>;
  state: unknown;
}

const QUERY_TIMEOUT_MS = 1000;

export class ProjectionEngine {
  private readonly running = new Map<string, Projection>();

  constructor(private readonly log: EventLog) {
    log.onAppend((events) => setImmediate(() => events.forEach((event) => this.feed(event))));
  }

  create(name: string, query: string): void {
    const projection = compile(name, query, this.log);
    this.running.set(name, projection);
    for (const event of this.log.stream(projection.source) ?? []) run(projection, event);
  }

  status(name: string): string | undefined {
    return this.running.has(name) || name.startsWith('$') ? 'Running' : undefined;
  }

  private feed(event: StoredEvent): void {
    for (const projection of this.running.values()) if (projection.source === event.stream) run(projection, event);
  }
}

function compile(name: string, query: string, log: EventLog): Projection {
  const projection: Projection = { name, source: '', handlers: {}, state: undefined };
  const write = (stream: string, type: string, data: Uint8Array, contentType: string, metadata: object = {}) =>
    log.append(stream, { kind: 'any' }, [{ id: randomUUID(), type, contentType, data, metadata: Buffer.from(JSON.stringify(metadata)) }]);
  const context = vm.createContext({
    fromStream: (stream: string) => {
      projection.source = stream;
      return { when: (handlers: Record<string, Handler>) => void (projection.handlers = handlers) };
    },
    emit: (stream: string, type: string, data: unknown) => write(stream, type, Buffer.from(JSON.stringify(data)), 'application/json'),
    // A link carries the id of the event it points at, as EventStoreDB's do (`$causedBy`, `$o`: its stream).
    linkTo: (stream: string, event: ProjectionEvent) =>
      write(stream, '$>', Buffer.from(`${event.sequenceNumber}@${event.streamId}`), 'application/octet-stream', { $causedBy: event.eventId, $o: event.streamId }),
  });
  new vm.Script(query).runInContext(context, { timeout: QUERY_TIMEOUT_MS });
  projection.state = projection.handlers.$init?.(undefined, undefined as never);
  return projection;
}

function run(projection: Projection, event: StoredEvent): void {
  const handler = projection.handlers[event.type] ?? projection.handlers.$any;
  if (!handler || event.type.startsWith('$')) return;
  const bodyRaw = Buffer.from(event.data).toString('utf8');
  const body = event.contentType === 'application/json' ? safeJson(bodyRaw) : undefined;
  const view = { streamId: event.stream, sequenceNumber: event.revision, eventType: event.type, eventId: event.id, body, data: body, bodyRaw };
  projection.state = handler(projection.state, view) ?? projection.state;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `Projections` service: `Create`, `Enable` (system projections are always on), `Statistics`. */
export function projectionsService(node: NodeContext, engine: ProjectionEngine) {
  return {
    create: async (call: grpc.ServerUnaryCall<InstanceType<typeof projections.CreateReq>, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const refusal = await admit(node, call.metadata);
      if (refusal) return callback(refusal);
      const options = call.request.getOptions()!;
      const name = options.getContinuous()?.getName();
      if (!name) return callback(statusError(grpc.status.UNIMPLEMENTED, 'the test double runs continuous projections only'));
      try {
        engine.create(name, options.getQuery());
      } catch (error) {
        return callback(statusError(grpc.status.INVALID_ARGUMENT, `projection ${name}: ${(error as Error).message}`));
      }
      callback(null, new projections.CreateResp());
    },
    enable: async (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const refusal = await admit(node, call.metadata);
      callback(refusal ?? null, refusal ? undefined : new projections.EnableResp());
    },
    statistics: async (call: grpc.ServerWritableStream<InstanceType<typeof projections.StatisticsReq>, unknown>) => {
      const name = call.request.getOptions()?.getName() ?? '';
      const status = engine.status(name);
      if (!status) return void call.emit('error', statusError(grpc.status.NOT_FOUND, `projection ${name} not found`));
      const details = new projections.StatisticsResp.Details().setName(name).setEffectivename(name).setStatus(status);
      call.write(new projections.StatisticsResp().setDetails(details));
      call.end();
    },
  };
}

/**
 * Reads, always in bounded pages. A stream read asks for at most `READ_PAGE` events a call, of
 * the leader (commands decide from it); a missing or soft-deleted stream reads as empty, a
 * tombstoned one fails with `StreamDeletedError`. A
 * `$all` read gets EventStoreDB's system events and other namespaces' streams too (the client's
 * `readAll` takes no filter): they are skipped here, reading on until the page of ledger events
 * is full or the log ends.
 */
import { type AllStreamResolvedEvent, BACKWARDS, END, type EventStoreDBClient, FORWARDS, START, StreamDeletedError as EsdbStreamDeletedError, StreamNotFoundError } from '@eventstore/db-client';
import { comparePositions, type Position, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, StreamDeletedError } from '../port.js';
import { callEsdb, type CallContext } from './esdb-call.js';
import { toEsdbPosition, toPosition, toRecordedEvent } from './esdb-serialization.js';
import type { StreamNamespace } from './stream-namespace.js';

const READ_PAGE = 500;
const HEAD_SCAN_PAGE = 32;

type Revision = bigint | typeof START | typeof END;

export class EsdbReads {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly streams: StreamNamespace,
    /** Where the ledger's part of the log begins (exclusive); undefined: at the start. */
    private readonly startsAfter: Position | undefined,
    private readonly context: CallContext,
  ) {}

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    let from: Revision = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    for (let remaining = options.maxCount ?? Infinity; remaining > 0; ) {
      const size = Math.min(remaining, READ_PAGE);
      const page = await this.readStreamPage(stream, from, backwards, size);
      events.push(...page);
      remaining -= page.length;
      const last = page.at(-1)?.revision ?? 0;
      if (page.length < size || (backwards && last === 0)) break;
      from = BigInt(backwards ? last - 1 : last + 1);
    }
    return events;
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from = after ?? this.startsAfter;
    while (events.length < maxCount) {
      // Reading from a position includes the event there: one more, dropped below.
      const size = Math.min(READ_PAGE, maxCount - events.length) + (from ? 1 : 0);
      const page = await this.readLog(from, 'forwards', size);
      const fresh = page.filter((resolved) => from === undefined || comparePositions(positionOf(resolved), from) > 0);
      events.push(...this.ledgerEvents(fresh).slice(0, maxCount - events.length));
      if (page.length < size) break;
      from = positionOf(page.at(-1)!);
    }
    return events;
  }

  /** Scans `$all` backwards for the ledger's last event. */
  async headPosition(): Promise<Position | undefined> {
    for (let before: Position | undefined; ; ) {
      const page = await this.readLog(before, 'backwards', HEAD_SCAN_PAGE);
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (this.startsAfter && comparePositions(position, this.startsAfter) <= 0) return undefined;
        if (this.streams.owns(resolved.event!.streamId)) return position;
      }
      if (page.length < HEAD_SCAN_PAGE) return undefined;
      before = positionOf(page.at(-1)!);
    }
  }

  /** Position of the last event in the whole log, system events and other namespaces included. */
  async logEnd(): Promise<Position | undefined> {
    const [last] = await this.readLog(undefined, 'backwards', 1);
    return last && positionOf(last);
  }

  /** One bounded, unfiltered read of `$all`. */
  private async readLog(from: Position | undefined, direction: 'forwards' | 'backwards', maxCount: number) {
    const fromPosition = from ? toEsdbPosition(from) : direction === 'forwards' ? START : END;
    const read = () => collect(this.client.readAll({ fromPosition, direction: direction === 'forwards' ? FORWARDS : BACKWARDS, maxCount }));
    const page = await callEsdb(this.context, read);
    return page.filter((resolved) => resolved.event?.position);
  }

  private ledgerEvents(page: AllStreamResolvedEvent[]): RecordedEvent[] {
    return page
      .filter((resolved) => this.streams.owns(resolved.event!.streamId))
      .map((resolved) => toRecordedEvent(resolved, this.streams));
  }

  private readStreamPage(stream: string, fromRevision: Revision, backwards: boolean, maxCount: number): Promise<RecordedEvent[]> {
    const direction = backwards ? BACKWARDS : FORWARDS;
    return callEsdb(this.context, async () => {
      try {
        // On the leader: a command decides from this read, and a follower may lag behind it.
        const read = this.client.readStream(this.streams.toServer(stream), { fromRevision, direction, maxCount, requiresLeader: true });
        const page = await collect(read);
        return page.map((resolved) => toRecordedEvent(resolved, this.streams));
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        if (error instanceof EsdbStreamDeletedError) throw new StreamDeletedError(stream);
        throw error;
      }
    });
  }
}

function positionOf(resolved: AllStreamResolvedEvent): Position {
  return toPosition(resolved.event!.position);
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

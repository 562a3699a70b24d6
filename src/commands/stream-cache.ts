/**
 * What command handling knows of the streams it has read: each one's state folded up to a
 * revision, and which commands wrote there. A read tops the state up from that revision (only the
 * events not seen yet), so a command costs the same on a stream of ten events or ten thousand;
 * a cold stream starts from its latest snapshot, if any (snapshots.ts).
 *
 * The cache is an optimisation only: streams are append-only, so a state folded to revision r is
 * right forever at r, and every append still names the exact revision the decision was made at.
 * A state older than the stream (another writer, another instance) makes the append conflict,
 * and the command reads again.
 */
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, Position, RecordedEvent } from '../eventstore/port.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { BoundedMap } from '../shared/bounded-map.js';
import type { SnapshotStore } from './snapshots.js';

/** A command that wrote in a stream: the hash of its payload and the position of its last event there. */
export interface WrittenBy {
  payloadHash: string | undefined;
  position: Position;
}

/** A stream as command handling knows it. */
export interface KnownStream<S> {
  state: S;
  /** What to expect when appending after it. */
  revision: ExpectedRevision;
  /** Position and id of its last event: a snapshot is used only while the stream still holds that very event. */
  position: Position | undefined;
  lastEventId?: string;
  /** By command id (the events' causation id). Only ever grows: what it says stays true. */
  writtenBy: ReadonlyMap<string, WrittenBy>;
}

type Folding<S> = Pick<Decider<S, never, DomainEvent>, 'initialState' | 'evolve' | 'streamLabel' | 'version'>;

export interface StreamCache {
  /** The stream's state now: the cached state topped up with the events appended since. */
  read<S>(stream: string, decider: Folding<S>): Promise<KnownStream<S>>;
  /** Records what an append at `known.revision` wrote, so the next read starts after it. */
  appended<S>(stream: string, decider: Folding<S>, known: KnownStream<S>, events: NewEvent[], result: AppendResult): KnownStream<S>;
  /**
   * Runs `work` when no other work of this process on `stream` is running: commands on one
   * stream take turns here instead of deciding on the same revision and all but one losing the
   * append (with group commit they would lose together, round after round).
   */
  inTurn<T>(stream: string, work: () => Promise<T>): Promise<T>;
}

export interface StreamCacheOptions {
  store: EventStore;
  snapshots?: SnapshotStore;
  /** How many streams are kept; the least recently used go first. */
  maxStreams?: number;
  /** A snapshot is taken when a stream passes a multiple of this many events. */
  snapshotEvery?: number;
}

const empty = <S>(decider: Folding<S>): KnownStream<S> => ({
  state: decider.initialState,
  revision: 'no_stream',
  position: undefined,
  writtenBy: new Map(),
});

/** Folds `events` (recorded after `known`) onto it; the writtenBy map is shared and grows. */
function foldOnto<S>(decider: Folding<S>, known: KnownStream<S>, events: RecordedEvent[]): KnownStream<S> {
  if (events.length === 0) return known;
  const writtenBy = known.writtenBy as Map<string, WrittenBy>;
  let state = known.state;
  for (const event of events) {
    state = decider.evolve(state, event);
    writtenBy.set(event.metadata.causationId, { payloadHash: event.metadata.payloadHash, position: event.position });
  }
  const last = events[events.length - 1]!;
  return { state, revision: last.revision, position: last.position, lastEventId: last.id, writtenBy };
}

const nextRevision = (revision: ExpectedRevision): number => (typeof revision === 'number' ? revision + 1 : 0);

export function createStreamCache({ store, snapshots, maxStreams = 10_000, snapshotEvery = 200 }: StreamCacheOptions): StreamCache {
  /** One map per decider: a stream folded by another decider is another state. */
  const byDecider = new WeakMap<object, BoundedMap<string, KnownStream<unknown>>>();

  const entries = (decider: object) => {
    let map = byDecider.get(decider);
    if (!map) byDecider.set(decider, (map = new BoundedMap(maxStreams)));
    return map;
  };

  /** Keeps the later of what is cached and `known`; the least recently used stream leaves when full. */
  function remember<S>(decider: Folding<S>, stream: string, known: KnownStream<S>): void {
    const map = entries(decider);
    const cached = map.get(stream);
    if (cached && nextRevision(cached.revision) > nextRevision(known.revision)) return;
    map.set(stream, known);
  }

  async function start<S>(stream: string, decider: Folding<S>): Promise<KnownStream<S>> {
    const cached = entries(decider).get(stream) as KnownStream<S> | undefined;
    return cached ?? (await fromSnapshot(stream, decider)) ?? empty(decider);
  }

  /**
   * The latest snapshot, if the stream still holds the event it was taken at: a ledger restored
   * from an older backup than the snapshots' file must not start from a state it never reached.
   */
  async function fromSnapshot<S>(stream: string, decider: Folding<S>): Promise<KnownStream<S> | undefined> {
    const snapshot = await snapshots?.load(stream, decider);
    if (snapshot === undefined || typeof snapshot.revision !== 'number') return undefined;
    const [taken] = await store.readStream(stream, { fromRevision: snapshot.revision, maxCount: 1 });
    // A restored ledger may hand out the same positions again: the event's id tells its history from another.
    return taken?.position === snapshot.position && taken.id === snapshot.lastEventId ? snapshot : undefined;
  }

  function maybeSnapshot<S>(stream: string, decider: Folding<S>, before: KnownStream<S>, after: KnownStream<S>): void {
    if (!snapshots || after === before) return;
    const crossed = Math.floor(nextRevision(after.revision) / snapshotEvery) > Math.floor(nextRevision(before.revision) / snapshotEvery);
    if (crossed) snapshots.save(stream, decider, after);
  }

  /** The last work queued on each stream that has any. */
  const turns = new Map<string, Promise<unknown>>();

  return {
    async inTurn(stream, work) {
      const previous = turns.get(stream) ?? Promise.resolve();
      const mine = previous.then(work, work);
      const settled = mine.then(() => undefined, () => undefined);
      turns.set(stream, settled);
      void settled.then(() => turns.get(stream) === settled && turns.delete(stream));
      return mine;
    },
    async read(stream, decider) {
      const known = await start(stream, decider);
      // The store may know there is nothing new: no read at all then.
      if (store.knownRevision?.(stream) === known.revision) {
        remember(decider, stream, known);
        return known;
      }
      const fresh = await store.readStream(stream, { fromRevision: nextRevision(known.revision) });
      const now = foldOnto(decider, known, fresh);
      remember(decider, stream, now);
      maybeSnapshot(stream, decider, known, now);
      return now;
    },
    appended(stream, decider, known, events, result) {
      const recorded = events.map((event, i): RecordedEvent => ({
        ...event,
        stream,
        revision: result.nextExpectedRevision - events.length + 1 + i,
        // Only the last event's position is known; the earlier ones' matter only through the last.
        position: result.position,
      }));
      const now = foldOnto(decider, known, recorded);
      remember(decider, stream, now);
      maybeSnapshot(stream, decider, known, now);
      return now;
    },
  };
}

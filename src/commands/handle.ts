/**
 * Command handling on one stream: read, fold, decide, append at the exact revision read; on a
 * conflict, read again and decide again, a bounded number of times.
 */
import {
  DuplicateEventIdError,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '../eventstore/port.js';
import { type Decider, type DomainEvent, fold } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';

export interface Loaded<S> {
  state: S;
  events: RecordedEvent[];
  /** What to expect when appending after these events. */
  revision: ExpectedRevision;
}

export async function load<S, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
): Promise<Loaded<S>> {
  const events = await store.readStream(stream);
  const revision = events.length === 0 ? 'no_stream' : events[events.length - 1]!.revision;
  return { state: fold(decider, events as unknown as E[]), events, revision };
}

/**
 * Claims a command's idempotency key (command-record.ts) before its first event is appended;
 * a no-op when the command holds it already.
 */
export type ClaimKey = () => Promise<void>;

/** How the decided events are written: their metadata, their deterministic ids, the key to claim first. */
export interface Write<E> {
  metadata: EventMetadata;
  eventIds(events: E[]): string[];
  claimKey?: ClaimKey;
}

export interface Handled<S> {
  state: S;
  /** Global position of the last event written, or found when nothing was written. */
  position: Position | undefined;
  written: number;
}

/** A command already handled: its events in the stream (a crash came before its record was written). */
export interface Replay {
  commandId: string;
  payloadHash: string;
}

const MAX_ATTEMPTS = 25;

/** A short, growing, random pause between attempts, so racing writers do not collide in step. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 2));

export async function handleCommand<S, C, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<S, C, E>,
  command: C,
  write: Write<E>,
  replay?: Replay,
): Promise<Handled<S>> {
  let duplicateSeen = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const loaded = await load(store, stream, decider);
    const replayed = replay && findReplay(loaded, replay);
    if (replayed) return replayed;
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) return { state: loaded.state, position: loaded.events.at(-1)?.position, written: 0 };
    const ids = write.eventIds(events);
    await write.claimKey?.();
    try {
      const result = await store.append(
        stream,
        events.map((event, i) => ({ id: ids[i]!, type: event.type, data: event.data, metadata: write.metadata })),
        { expectedRevision: loaded.revision },
      );
      return { state: events.reduce(decider.evolve, loaded.state), position: result.position, written: events.length };
    } catch (error) {
      if (error instanceof DuplicateEventIdError && duplicateSeen) throw keyReused();
      if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)) throw error;
      duplicateSeen ||= error instanceof DuplicateEventIdError;
      await backOff(attempt);
    }
  }
  throw new DomainError('CONCURRENCY_EXHAUSTED', `the ${describeStream(stream)} kept changing under this command; try again`);
}

function findReplay<S>(loaded: Loaded<S>, replay: Replay): Handled<S> | undefined {
  const mine = causedBy(loaded.events, replay);
  if (mine.length === 0) return undefined;
  return { state: loaded.state, position: mine.at(-1)!.position, written: 0 };
}

/**
 * The events of a stream this command wrote (a crash may have come before its record); refused
 * when the same key wrote some of them with another payload.
 */
export function causedBy(events: RecordedEvent[], command: Replay): RecordedEvent[] {
  const mine = events.filter((e) => e.metadata.causationId === command.commandId);
  if (mine.some((e) => e.metadata.payloadHash !== command.payloadHash)) throw keyReused();
  return mine;
}

export function keyReused(): DomainError {
  return new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was already used for another command; use a new key');
}

/** A stream in a case officer's words (stream names are internal). */
function describeStream(stream: string): string {
  const kind = stream.slice(0, stream.indexOf('-'));
  const words: Record<string, string> = {
    application: 'application', budget: 'budget line', fact: 'qualifying fact', entitlement: "beneficiary's award record",
    enterprise: 'enterprise', policy: 'policy', benefit: 'benefit line', command: 'command record',
  };
  return words[kind] ?? 'ledger record';
}

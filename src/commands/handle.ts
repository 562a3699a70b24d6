/**
 * Command handling: read a stream, fold it, decide, append at the exact revision read; on a
 * conflict, read again and decide again, a bounded number of times. `handle` does that once per
 * idempotency key (idempotency.ts), with event ids derived from the command.
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
import { type CommandContext, type CommandEnvelope, envelope, type LedgerDeps, writtenId } from './envelope.js';
import { type ClaimKey, type CommandResult, once } from './idempotency.js';

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

/** A stream's events, the state they fold to, and the revision to expect when appending after them. */
export interface StreamState<S> {
  state: S;
  events: RecordedEvent[];
  revision: ExpectedRevision;
}

export async function readStreamState<S, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
): Promise<StreamState<S>> {
  const events = await store.readStream(stream);
  const revision = events.length === 0 ? 'no_stream' : events[events.length - 1]!.revision;
  return { state: fold(decider, events as unknown as E[]), events, revision };
}

// ── Deciding and appending ──────────────────────────────────────────────────────────────────

/** How the decided events are written: their metadata, their deterministic ids, the key to claim first. */
export interface Write<E> {
  metadata: EventMetadata;
  eventIds(events: E[]): string[];
  claimKey?: ClaimKey;
}

export interface Decided<S> {
  state: S;
  /** The stream's events after this command, as the deciders see them. */
  events: DomainEvent[];
  /** Global position of the last event written, or found when nothing was written. */
  position: Position | undefined;
  written: number;
}

/** The command whose events a stream may already hold (a crash came before its record was written). */
export type CommandIdentity = Pick<CommandEnvelope, 'commandId' | 'payloadHash'>;

const MAX_ATTEMPTS = 25;

/** A short, growing, random pause between attempts, so racing writers do not collide in step. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 2));

/** Read, decide, append at the exact revision read; a command whose events the stream already holds writes nothing. */
export async function decideAndAppend<S, C, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<S, C, E>,
  command: C,
  write: Write<E>,
  alreadyHandled?: CommandIdentity,
): Promise<Decided<S>> {
  let duplicateSeen = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const read = await readStreamState(store, stream, decider);
    const mine = alreadyHandled ? causedBy(read.events, alreadyHandled) : [];
    if (mine.length > 0) return { state: read.state, events: read.events, position: mine.at(-1)!.position, written: 0 };
    const events = decider.decide(command, read.state);
    if (events.length === 0) return { state: read.state, events: read.events, position: read.events.at(-1)?.position, written: 0 };
    const ids = write.eventIds(events);
    await write.claimKey?.();
    try {
      const result = await store.append(
        stream,
        events.map((event, i) => ({ id: ids[i]!, type: event.type, data: event.data, metadata: write.metadata })),
        { expectedRevision: read.revision },
      );
      const state = events.reduce(decider.evolve, read.state);
      return { state, events: [...read.events, ...events], position: result.position, written: events.length };
    } catch (error) {
      if (error instanceof DuplicateEventIdError && duplicateSeen) throw keyReused();
      if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)) throw error;
      duplicateSeen ||= error instanceof DuplicateEventIdError;
      await backOff(attempt);
    }
  }
  throw new DomainError('CONCURRENCY_EXHAUSTED', `the ${decider.streamLabel} kept changing under this command; try again`);
}

/**
 * The events of a stream this command wrote (a crash may have come before its record); refused
 * when the same key wrote some of them with another payload.
 */
export function causedBy(events: RecordedEvent[], command: CommandIdentity): RecordedEvent[] {
  const mine = events.filter((e) => e.metadata.causationId === command.commandId);
  if (mine.some((e) => e.metadata.payloadHash !== command.payloadHash)) throw keyReused();
  return mine;
}

export function keyReused(): DomainError {
  return new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was already used for another command; use a new key');
}

// ── A command on one stream, handled once ───────────────────────────────────────────────────

export interface StreamCommand<S, C, E extends DomainEvent, Ids extends Record<string, string | number>> {
  stream: string;
  decider: Decider<S, C, E>;
  /** Builds the command, reading whatever it looks up in other streams. */
  command: () => C | Promise<C>;
  /** The ids the caller gets back. */
  ids: Ids;
}

/**
 * Handles a command on one stream once per idempotency key: `spec` receives the command's
 * envelope (its time, the ids derived from it) and names the stream, the decider and the command.
 */
export async function handle<S, C, E extends DomainEvent, Ids extends Record<string, string | number>>(
  deps: LedgerDeps,
  ctx: CommandContext,
  commandType: string,
  input: unknown,
  spec: (env: CommandEnvelope) => StreamCommand<S, C, E, Ids>,
): Promise<Ids & CommandResult> {
  const env = envelope(deps, commandType, input, ctx);
  const { stream, decider, command, ids } = spec(env);
  return once(deps, env, async (claimKey) => {
    const decided = await decideAndAppend(deps.store, stream, decider, await command(), commandWrite<E>(env, claimKey), env);
    if (decided.position === undefined) throw new Error(`${commandType} wrote nothing on the empty stream ${stream}`);
    return { ...ids, position: decided.position };
  });
}

function commandWrite<E>(env: CommandEnvelope, claimKey: ClaimKey): Write<E> {
  return {
    metadata: env.metadata,
    eventIds: (events) => events.map((_, i) => writtenId(env, 'event', String(i))),
    claimKey,
  };
}

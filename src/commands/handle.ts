/**
 * Command handling: read a stream (what is not cached yet: stream-cache.ts), decide, append at
 * the exact revision read; on a conflict, read again and decide again, a bounded number of
 * times. `handle` does that once per idempotency key (idempotency.ts), with event ids derived
 * from the command.
 */
import { DuplicateEventIdError, type EventMetadata, type Position, WrongExpectedRevisionError } from '../eventstore/port.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { type CommandContext, type CommandDeps, type CommandEnvelope, envelope, writtenId } from './envelope.js';
import { type ClaimKey, type CommandResult, once } from './idempotency.js';
import type { KnownStream, WrittenBy } from './stream-cache.js';

// ── Deciding and appending ──────────────────────────────────────────────────────────────────

/** How the decided events are written: their metadata, their deterministic ids, the key to claim first. */
export interface Write<E> {
  metadata: EventMetadata;
  eventIds(events: E[]): string[];
  claimKey?: ClaimKey;
}

export interface Decided<S> {
  /** The stream after this command. */
  known: KnownStream<S>;
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
  deps: CommandDeps,
  stream: string,
  decider: Decider<S, C, E>,
  command: C,
  write: Write<E>,
  alreadyHandled?: CommandIdentity,
): Promise<Decided<S>> {
  /** One read, decision and append; a lost race says so, for another attempt. */
  const attemptOnce = async (): Promise<Decided<S> | 'conflict' | 'duplicate'> => {
    const known = await deps.streams.read(stream, decider);
    const mine = alreadyHandled && causedBy(known, alreadyHandled);
    if (mine) return { known, position: mine.position, written: 0 };
    const events = decider.decide(command, known.state);
    if (events.length === 0) return { known, position: known.position, written: 0 };
    const ids = write.eventIds(events);
    await write.claimKey?.();
    const appending = events.map((event, i) => ({ id: ids[i]!, type: event.type, data: event.data, metadata: write.metadata }));
    try {
      const result = await deps.store.append(stream, appending, { expectedRevision: known.revision });
      return { known: deps.streams.appended(stream, decider, known, appending, result), position: result.position, written: events.length };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'conflict';
      if (error instanceof DuplicateEventIdError) return 'duplicate';
      throw error;
    }
  };

  let duplicateSeen = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // This process's commands on the stream take turns; a writer elsewhere still makes the append conflict.
    const outcome = await deps.streams.inTurn(stream, attemptOnce);
    if (outcome !== 'conflict' && outcome !== 'duplicate') return outcome;
    if (outcome === 'duplicate' && duplicateSeen) throw keyReused();
    duplicateSeen ||= outcome === 'duplicate';
    await backOff(attempt);
  }
  throw new DomainError('CONCURRENCY_EXHAUSTED', `the ${decider.streamLabel} kept changing under this command; try again`);
}

/**
 * Where this command wrote in the stream, if it did (a crash may have come before its record);
 * refused when the same key wrote there with another payload.
 */
export function causedBy(known: KnownStream<unknown>, command: CommandIdentity): WrittenBy | undefined {
  const mine = known.writtenBy.get(command.commandId);
  if (mine && mine.payloadHash !== command.payloadHash) throw keyReused();
  return mine;
}

function keyReused(): DomainError {
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
  deps: CommandDeps,
  ctx: CommandContext,
  commandType: string,
  input: unknown,
  spec: (env: CommandEnvelope) => StreamCommand<S, C, E, Ids>,
): Promise<Ids & CommandResult> {
  const env = envelope(deps, commandType, input, ctx);
  const { stream, decider, command, ids } = spec(env);
  return once(deps, env, async (claimKey) => {
    const decided = await decideAndAppend(deps, stream, decider, await command(), commandWrite<E>(env, claimKey), env);
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

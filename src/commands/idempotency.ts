/**
 * Idempotency: a command claims its key on `command-<commandId>` right before its first event is
 * appended, and records its first result there once done. The same command sent again returns
 * that result and writes nothing, or, when a crash came between the claim and the record,
 * finishes what it had begun; the same key with another payload is refused, whichever streams the
 * two would write to. A refusal decided before writing leaves nothing. One decided after the key
 * was claimed (a race lost, then decided again) keeps the key for this payload: giving it back
 * would let another payload take it while a twin of this command is still writing.
 */
import { type Position, type RecordedEvent, WrongExpectedRevisionError } from '../eventstore/port.js';
import { DomainError } from '../shared/errors.js';
import { type CommandDeps, type CommandEnvelope, writtenId } from './envelope.js';

/**
 * Claims the command's idempotency key before its first event is appended (`Write.claimKey`);
 * a no-op when the command holds it already.
 */
export type ClaimKey = () => Promise<void>;

/** What a command returns: the global position of its last event, and the ids it affected. */
export type CommandResult = { position: Position } & Record<string, string | number>;

// ── Events ──────────────────────────────────────────────────────────────────────────────────

interface CommandIdentity {
  commandId: string;
  commandType: string;
  idempotencyKey: string;
  payloadHash: string;
}

export type CommandEvent =
  | { type: 'CommandAccepted'; data: CommandIdentity & { acceptedAt: string } }
  | { type: 'CommandRecorded'; data: CommandIdentity & { result: CommandResult; recordedAt: string } };

export const commandStream = (commandId: string) => `command-${commandId}`;

// ── Handling once ───────────────────────────────────────────────────────────────────────────

/** Where the key stands: held (by this payload), answered, and the stream's revision. */
interface KeyState {
  claimed: boolean;
  result: CommandResult | undefined;
  revision: number | 'no_stream';
}

/** The key's entries; refused when they are another command's. */
function keyState(events: RecordedEvent[], envelope: CommandEnvelope): KeyState {
  const other = events.find((e) => (e.data as CommandIdentity).payloadHash !== envelope.payloadHash);
  if (other) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `idempotency key "${envelope.idempotencyKey}" was already used for a ${(other.data as CommandIdentity).commandType} with other details; use a new key`,
    );
  }
  const recorded = events.find((e) => e.type === 'CommandRecorded');
  return {
    claimed: events.length > 0,
    result: recorded && (recorded.data as { result: CommandResult }).result,
    revision: events.at(-1)?.revision ?? 'no_stream',
  };
}

const identity = (envelope: CommandEnvelope): CommandIdentity => ({
  commandId: envelope.commandId,
  commandType: envelope.commandType,
  idempotencyKey: envelope.idempotencyKey,
  payloadHash: envelope.payloadHash,
});

/** Appends to the key's stream lost to another writer this many times in a row give up. */
const MAX_KEY_ATTEMPTS = 5;

/**
 * Runs `execute` unless this command was already handled, then records its result. `execute`
 * hands `claimKey` to the writes it makes (`Write.claimKey`): the first one claims the key.
 */
export async function once<R extends CommandResult>(
  deps: CommandDeps,
  envelope: CommandEnvelope,
  execute: (claimKey: ClaimKey) => Promise<R>,
): Promise<R> {
  const stream = commandStream(envelope.commandId);
  const read = async () => keyState(await deps.store.readStream(stream), envelope);
  let key = await read();
  if (key.result) return key.result as R;

  /** Appends one entry after what was read; the same command at the same revision writes the same id (a retry writes nothing twice). */
  const put = async (entry: CommandEvent): Promise<void> => {
    const at = key.revision;
    const id = writtenId(envelope, entry.type, String(at === 'no_stream' ? 0 : at + 1));
    const { nextExpectedRevision } = await deps.store.append(stream, [{ id, ...entry, metadata: envelope.metadata }], { expectedRevision: at });
    key = { ...key, revision: nextExpectedRevision };
  };
  /** Runs `step` at the key's revision; when another writer moved it, reads again until `done` says the work is done. */
  const onKey = async (step: () => Promise<void>, done: () => boolean): Promise<void> => {
    for (let attempt = 1; !done(); attempt++) {
      try {
        return await step();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= MAX_KEY_ATTEMPTS) throw new DomainError('CONCURRENCY_EXHAUSTED', 'this command\'s key kept changing under it; try again');
        key = await read();
      }
    }
  };

  const claimKey: ClaimKey = () =>
    onKey(async () => {
      await put({ type: 'CommandAccepted', data: { ...identity(envelope), acceptedAt: envelope.now } });
      key = { ...key, claimed: true };
    }, () => key.claimed);

  const result = await execute(claimKey);
  // A command that found its events already written (a twin sent at the same moment) claims the key too.
  await claimKey();
  await onKey(async () => {
    await put({ type: 'CommandRecorded', data: { ...identity(envelope), result, recordedAt: envelope.now } });
    key = { ...key, result };
  }, () => key.result !== undefined);
  return key.result as unknown as R;
}

/**
 * Idempotency: a command claims its key on `command-<commandId>` right before its first event is
 * appended (a refusal decided before that writes nothing), and records its first result there
 * once done. The same command sent again returns that result and writes nothing, or, when a crash
 * came between the claim and the record, finishes what it had begun; the same key with another
 * payload is refused, whichever streams the two would write to.
 */
import { type Position, type RecordedEvent, WrongExpectedRevisionError } from '../eventstore/port.js';
import { DomainError } from '../shared/errors.js';
import { type CommandEnvelope, type LedgerDeps, writtenId } from './context.js';

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

/** The key's entries so far; refused when they are another command's. */
function entriesFor(events: RecordedEvent[], envelope: CommandEnvelope) {
  const other = events.find((e) => (e.data as CommandIdentity).payloadHash !== envelope.payloadHash);
  if (other) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `idempotency key "${envelope.idempotencyKey}" was already used for a ${(other.data as CommandIdentity).commandType} with other details; use a new key`,
    );
  }
  const recorded = events.find((e) => e.type === 'CommandRecorded');
  return { claimed: events.length > 0, result: recorded && (recorded.data as { result: CommandResult }).result };
}

const identity = (envelope: CommandEnvelope): CommandIdentity => ({
  commandId: envelope.commandId,
  commandType: envelope.commandType,
  idempotencyKey: envelope.idempotencyKey,
  payloadHash: envelope.payloadHash,
});

/**
 * Runs `execute` unless this command was already handled, then records its result. `execute`
 * passes `claim` to the first write it makes (`Write.beforeAppend`): it claims the key, once.
 */
export async function once<R extends CommandResult>(
  deps: LedgerDeps,
  envelope: CommandEnvelope,
  execute: (claim: () => Promise<void>) => Promise<R>,
): Promise<R> {
  const stream = commandStream(envelope.commandId);
  const read = async () => entriesFor(await deps.store.readStream(stream), envelope);
  const first = await read();
  if (first.result) return first.result as R;
  let claimed = first.claimed;
  const claim = async () => {
    if (claimed) return;
    const accepted = { type: 'CommandAccepted', data: { ...identity(envelope), acceptedAt: envelope.now } };
    try {
      await deps.store.append(stream, [{ id: writtenId(envelope, 'accepted'), ...accepted, metadata: envelope.metadata }], { expectedRevision: 'no_stream' });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await read(); // The same key claimed at the same moment elsewhere: refused if for another command.
    }
    claimed = true;
  };
  const result = await execute(claim);
  const recorded = { type: 'CommandRecorded', data: { ...identity(envelope), result, recordedAt: envelope.now } };
  try {
    await deps.store.append(stream, [{ id: writtenId(envelope, 'recorded'), ...recorded, metadata: envelope.metadata }], {
      expectedRevision: claimed ? 0 : 'no_stream',
    });
    return result;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    // The same command handled at the same moment elsewhere: its record is the answer.
    const after = await read();
    if (!after.result) throw error;
    return after.result as R;
  }
}

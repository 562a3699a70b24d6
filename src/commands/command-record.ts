/**
 * Idempotency: a command's first result is recorded on `command-<commandId>`, so the same
 * command sent again returns that result and writes nothing; the same key with another payload
 * is refused.
 */
import { type Position, type RecordedEvent, WrongExpectedRevisionError } from '../eventstore/port.js';
import { DomainError } from '../shared/errors.js';
import { type CommandEnvelope, type LedgerDeps, writtenId } from './context.js';

/** What a command returns: the global position of its last event, and the ids it affected. */
export type CommandResult = { position: Position } & Record<string, string | number>;

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type CommandEvent = {
  type: 'CommandRecorded';
  data: {
    commandId: string;
    commandType: string;
    idempotencyKey: string;
    payloadHash: string;
    result: CommandResult;
    recordedAt: string;
  };
};

export const commandStream = (commandId: string) => `command-${commandId}`;

// ── Handling once ───────────────────────────────────────────────────────────────────────────

function recordedResult<R extends CommandResult>(record: RecordedEvent, envelope: CommandEnvelope): R {
  const data = record.data as CommandEvent['data'];
  if (data.payloadHash !== envelope.payloadHash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `idempotency key "${envelope.idempotencyKey}" was already used for a ${data.commandType} with other details; use a new key`,
    );
  }
  return data.result as R;
}

/** Runs `execute` unless this command was already handled, then records its result. */
export async function once<R extends CommandResult>(
  deps: LedgerDeps,
  envelope: CommandEnvelope,
  execute: () => Promise<R>,
): Promise<R> {
  const stream = commandStream(envelope.commandId);
  const [record] = await deps.store.readStream(stream, { maxCount: 1 });
  if (record) return recordedResult<R>(record, envelope);
  const result = await execute();
  const recorded: CommandEvent = {
    type: 'CommandRecorded',
    data: {
      commandId: envelope.commandId,
      commandType: envelope.commandType,
      idempotencyKey: envelope.idempotencyKey,
      payloadHash: envelope.payloadHash,
      result,
      recordedAt: envelope.now,
    },
  };
  try {
    await deps.store.append(stream, [{ id: writtenId(envelope, 'recorded'), ...recorded, metadata: envelope.metadata }], {
      expectedRevision: 'no_stream',
    });
    return result;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    // The same key handled at the same moment elsewhere: its record is the answer.
    const [first] = await deps.store.readStream(stream, { maxCount: 1 });
    return recordedResult<R>(first!, envelope);
  }
}

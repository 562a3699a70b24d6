/**
 * A command on one stream, handled once: idempotency record, replay detection, deterministic
 * event ids derived from the command id and its payload.
 */
import type { Decider, DomainEvent } from '../shared/decider.js';
import { type CommandResult, once } from './command-record.js';
import { type CommandEnvelope, type LedgerDeps, writtenId } from './context.js';
import { type ClaimKey, handleCommand, type Write } from './handle.js';

export interface StreamCommand<S, C, E extends DomainEvent, Ids extends Record<string, string | number>> {
  stream: string;
  decider: Decider<S, C, E>;
  /** Builds the command, reading whatever it looks up in other streams. */
  command: () => Promise<C>;
  /** The ids the caller gets back. */
  ids: Ids;
}

export function commandWrite<E>(envelope: CommandEnvelope, claimKey: ClaimKey): Write<E> {
  return {
    metadata: envelope.metadata,
    eventIds: (events) => events.map((_, i) => writtenId(envelope, 'event', String(i))),
    claimKey,
  };
}

export async function executeCommand<S, C, E extends DomainEvent, Ids extends Record<string, string | number>>(
  deps: LedgerDeps,
  envelope: CommandEnvelope,
  spec: StreamCommand<S, C, E, Ids>,
): Promise<Ids & CommandResult> {
  return once(deps, envelope, async (claimKey) => {
    const command = await spec.command();
    const handled = await handleCommand(deps.store, spec.stream, spec.decider, command, commandWrite<E>(envelope, claimKey), envelope);
    if (handled.position === undefined) throw new Error(`${envelope.commandType} wrote nothing on the empty stream ${spec.stream}`);
    return { ...spec.ids, position: handled.position };
  });
}

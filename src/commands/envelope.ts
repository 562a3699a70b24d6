/**
 * What every command carries besides its input: who sends it, its idempotency key, and the
 * references that end up in each event's metadata; and the ledger's dependencies.
 */
import type { EventMetadata, EventStore, Position } from '../eventstore/port.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { payloadHash } from '../shared/hash.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import type { MatchingBasis } from '../treasury/match.js';
import type { TreasuryRecord } from '../treasury/record.js';
import type { ExceptionKind, Period } from '../treasury/treasury.js';
import type { SnapshotStore } from './snapshots.js';
import type { StreamCache } from './stream-cache.js';

/** The ledger's infrastructure, passed in (never imported) so tests choose the store and the time. */
export interface LedgerDeps {
  store: EventStore;
  clock: Clock;
  /**
   * A budget line's figures as `budgetLine` serves them, once the read models have reached
   * `position`: a budget refusal quotes them (committed and disbursed apart). Absent (a ledger
   * without read models), a refusal quotes what the budget's stream knows.
   */
  budgetFigures?: (budgetLineId: string, position: Position) => Promise<BudgetFigures | undefined>;
  /** Where long streams' states are kept for a cold start; absent, a cold start reads each stream whole. */
  snapshots?: SnapshotStore;
  /** What treasury matching looks up in the read models; absent (a ledger without read models), it is refused. */
  treasury?: TreasuryLookups;
  /** The fiscal-year close's dependencies (src/ledger/fiscal-close.ts); each has a default. */
  fiscalClose?: FiscalCloseDeps;
}

/** What treasury reconciliation reads from the treasury statement (projections/treasury-statement/). */
export interface TreasuryLookups {
  /** Resolves once the read models show every event appended before the call. */
  catchUp(): Promise<void>;
  matchingBasis(records: readonly TreasuryRecord[]): MatchingBasis;
  /** The exception the report shows under this id now, if any. */
  exception(exceptionId: string): { kind: ExceptionKind; period: Period } | undefined;
}

/** What the fiscal-year close (src/ledger/fiscal-close.ts) needs besides the event store; both are optional. */
export interface FiscalCloseDeps {
  /** The ids of the year's budget lines (the read model's, in the app); by default the log is scanned for their allocations. */
  budgetLinesOfYear?: (fiscalYear: number) => Promise<string[]>;
  /**
   * The hook where a signed ledger head is taken at the close (the verifiable-ledger work plugs in
   * here): called once a confirmed close is completely booked, with the position of its last event.
   */
  afterFiscalYearClosed?: (closed: { fiscalYear: number; position: Position }) => Promise<void>;
}

/** What command handling works with: the ledger's dependencies and what it knows of the streams it read. */
export interface CommandDeps extends LedgerDeps {
  streams: StreamCache;
}

/** What finance sees of a budget line (预算执行), in fen. */
export interface BudgetFigures {
  allocatedFen: Fen;
  committedFen: Fen;
  disbursedFen: Fen;
  availableFen: Fen;
}

export interface CommandContext {
  actorId: string;
  actorRole: string;
  /** The same key means the same command: sent twice, it is handled once. */
  idempotencyKey: string;
  /** Ties together the commands of one user action; defaults to the command id. */
  correlationId?: string;
  /** 文号: the official document the command acts on, e.g. 许财预〔2016〕12号. */
  documentRef?: string;
}

/** A command ready to be handled: its deterministic id, payload hash and the metadata of its events. */
export interface CommandEnvelope {
  commandId: string;
  commandType: string;
  idempotencyKey: string;
  payloadHash: string;
  /** ISO instant the command is handled: every event it writes carries it. */
  now: string;
  metadata: EventMetadata;
}

const SCHEMA_VERSION = 1;

function commandIdOf(idempotencyKey: string): string {
  return deterministicId('command', idempotencyKey);
}

/**
 * An id of something this command writes: the same command sent again gets the same id (its
 * retry writes nothing twice), while the same key with another payload gets another id, so its
 * append conflicts with the first instead of passing for a retry of it.
 */
export function writtenId(envelope: CommandEnvelope, ...parts: string[]): string {
  return deterministicId(envelope.commandId, envelope.payloadHash, ...parts);
}

export function envelope(deps: LedgerDeps, commandType: string, input: unknown, ctx: CommandContext): CommandEnvelope {
  if (ctx.idempotencyKey.trim() === '') throw new DomainError('INVALID_INPUT', 'every command carries an idempotency key');
  if (ctx.actorId.trim() === '') throw new DomainError('INVALID_INPUT', 'every command names who sends it');
  const commandId = commandIdOf(ctx.idempotencyKey);
  // The 文号 is part of what was asked: the same key with another document reference is another command.
  const hash = payloadHash({ commandType, input, documentRef: ctx.documentRef ?? null });
  const now = deps.clock().toISOString();
  const metadata: EventMetadata = {
    actorId: ctx.actorId,
    actorRole: ctx.actorRole,
    correlationId: ctx.correlationId ?? commandId,
    causationId: commandId,
    recordedAt: now,
    schemaVersion: SCHEMA_VERSION,
    ...(ctx.documentRef === undefined ? {} : { documentRef: ctx.documentRef }),
    payloadHash: hash,
  };
  return { commandId, commandType, idempotencyKey: ctx.idempotencyKey, payloadHash: hash, now, metadata };
}

/**
 * A request's context: the caller, the services it may use, fresh DataLoaders; and the few
 * helpers every resolver shares to turn a request into a command and a write into a fresh read.
 */
import type DataLoader from 'dataloader';
import type { AuditService } from '../audit/audit-service.js';
import type { EventStore, Position } from '../eventstore/port.js';
import type { CommandContext, Ledger } from '../ledger.js';
import type { ProjectionRunner } from '../readmodel/runner.js';
import type { Principal } from './auth/principal.js';
import { badUserInput, unauthenticated } from './errors/api-error.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import type { ReconcileReport } from '../readmodel/reconcile.js';
import type { RequestContext } from './server.js';
import type { CommandInput } from './shared/command.input.js';

export interface ApiServices {
  ledger: Ledger;
  /** The raw log, for auditors' history. */
  store: EventStore;
  runner: ProjectionRunner;
  /** The read model's queries. */
  read: ReadModelQueries;
  /** Replays the log and compares every figure of the read models with it. */
  reconcile(): Promise<ReconcileReport>;
  /** Signed tree heads and the proofs against them. */
  audit: AuditService;
}

export interface LedgerContext extends RequestContext {
  services: ApiServices;
  loaders: Loaders;
}

/** Long enough for a uuid or a client's own composite key; bounded, as it is stored in every event. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export const contextFor = (services: ApiServices) => () => ({ services, loaders: createLoaders(services.read) });

/** The caller of an `@Authorized` operation (never anonymous there). */
export function caller(ctx: LedgerContext): Principal {
  if (!ctx.principal) throw unauthenticated('this operation needs a bearer token');
  return ctx.principal;
}

/**
 * The ledger context of a mutation: the caller acts, the request id correlates, and the
 * idempotency key is the caller's own (two users' key "1" are different commands).
 */
export function commandContext(ctx: LedgerContext, input: CommandInput): CommandContext {
  const { subject, role } = caller(ctx);
  const key = input.idempotencyKey;
  if (key.trim() === '' || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badUserInput(`idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, not blank`);
  }
  return {
    actorId: subject,
    actorRole: role,
    // A JSON pair, so no subject and key can run together into another pair ("a:b" + "c" vs "a" + "b:c").
    idempotencyKey: JSON.stringify([subject, input.idempotencyKey]),
    correlationId: ctx.requestId,
    ...(input.documentRef ? { documentRef: input.documentRef } : {}),
  };
}

/**
 * Read-your-writes: waits until the projections have applied `position`, then loads `key`
 * afresh (the request's cache may hold the object as it was before the write).
 */
export async function readAfterWrite<Row>(
  ctx: LedgerContext,
  position: Position,
  loader: DataLoader<string, Row | null>,
  key: string,
): Promise<Row> {
  await ctx.services.runner.waitFor(position);
  const row = await loader.clear(key).load(key);
  if (!row) throw new Error(`${key} is not in the read model after the write at ${position}`);
  return row;
}

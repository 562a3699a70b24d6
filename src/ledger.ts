/**
 * The ledger's one entry point for writes: one async method per command, each in the file of
 * its part of the ledger (src/ledger/). The GraphQL layer and the start-up code call exactly this.
 *
 * Every method takes `(input, ctx)`: `input` in the domain's terms (money as integer fen: the
 * API layer parses decimal yuan strings), `ctx` saying who acts, with the command's idempotency
 * key (the same key sent twice is handled once and returns the first result; the same key with
 * another input is refused with IDEMPOTENCY_KEY_REUSED), an optional correlation id and the 文号
 * it acts on. Every method returns `{ position, ...the ids it affected }`, where `position` is
 * the global log position of the last event written (or found, when the command was already
 * handled): a reader can wait for its projections to reach it. Ids of new objects (application,
 * disbursement, clawback, repayment, approval) are derived from the idempotency key.
 *
 * Refusals throw `DomainError` with a stable `code` (src/shared/errors.ts) and a message a case
 * officer understands.
 */
import type { LedgerDeps } from './commands/envelope.js';
import { createStreamCache } from './commands/stream-cache.js';
import { applicationCommands } from './ledger/applications.js';
import { budgetCommands } from './ledger/budget.js';
import { calendarCommands } from './ledger/calendar.js';
import { catalogCommands } from './ledger/catalog.js';
import { enterpriseCommands } from './ledger/enterprise.js';
import { treasuryCommands } from './ledger/treasury.js';
import { noticeCommands } from './ledger/notice.js';

export type { BudgetFigures, CommandContext, LedgerDeps, TreasuryLookups } from './commands/envelope.js';

export function createLedger(ledgerDeps: LedgerDeps) {
  const deps = { ...ledgerDeps, streams: createStreamCache(ledgerDeps) };
  return {
    ...enterpriseCommands(deps),
    ...catalogCommands(deps),
    ...budgetCommands(deps),
    ...applicationCommands(deps),
    ...treasuryCommands(deps),
    ...calendarCommands(deps),
    ...noticeCommands(deps),
  };
}

export type Ledger = ReturnType<typeof createLedger>;

/** Every event the ledger records, as one discriminated union on `type`. */
import type { ApplicationEvent } from './application/application.js';
import type { BudgetEvent } from './budget/budget.js';
import type { CalendarEvent } from './calendar/calendar.js';
import type { CatalogEvent } from './catalog/catalog.js';
import type { ClaimEvent } from './claim/claim.js';
import type { CommandEvent } from './commands/idempotency.js';
import type { EnterpriseEvent } from './enterprise/enterprise.js';
import type { EntitlementEvent } from './entitlement/entitlement.js';
import type { TreasuryEvent } from './treasury/treasury.js';
import type { NoticeEvent } from './notice/notice.js';

export type LedgerEvent =
  | ApplicationEvent
  | BudgetEvent
  | CalendarEvent
  | CatalogEvent
  | ClaimEvent
  | CommandEvent
  | EnterpriseEvent
  | EntitlementEvent
  | NoticeEvent
  | TreasuryEvent;

export type LedgerEventType = LedgerEvent['type'];

/** The data of one event type. */
export type EventData<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['data'];

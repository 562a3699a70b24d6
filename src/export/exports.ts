/**
 * The auditors' exports, each as a plan: who may have it, the file's name and columns, and its
 * rows read a page at a time from the read model or the log. HTTP and the command line run the
 * same plans; the command line runs as the operator, with no token and no confinement.
 */
import type { EventStore } from '../eventstore/port.js';
import { MAY } from '../graphql/access/roles.js';
import type { Principal } from '../graphql/auth/principal.js';
import type { Role } from '../graphql/auth/role.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import { DISBURSEMENT_TABLE, disbursementCells, namedDisbursements } from './disbursements.js';
import { EVENT_TABLE, eventCells, eventsOfFiscalYear } from './events.js';
import { disbursementFilterOf, eventYearOf, type Params, scopedFilter } from './filters.js';
import type { Cell, TableOptions } from './table.js';

export interface ExportSources {
  read: ReadModelQueries;
  store: EventStore;
}

export interface ExportPlan<Row = unknown> {
  /** The file's name without its extension. */
  baseName: string;
  table: TableOptions;
  rows: Iterable<Row> | AsyncIterable<Row>;
  cellsOf(row: Row): Cell[];
}

export interface Export {
  /** What the caller names: `disbursements` or `events`. */
  name: string;
  /** The roles that may have it over HTTP. */
  roles: readonly Role[];
  /**
   * The plan for these parameters; `caller` absent on the command line. `other` names
   * parameters that belong to the caller's own syntax (the CLI's --format, --to).
   */
  plan(sources: ExportSources, params: Params, caller?: Principal, other?: readonly string[]): ExportPlan;
}

const disbursements: Export = {
  name: 'disbursements',
  roles: MAY.readCases,
  plan({ read }, params, caller, other) {
    const asked = disbursementFilterOf(params, other);
    const filter = caller ? scopedFilter(caller, asked) : asked;
    return { baseName: 'disbursements', table: DISBURSEMENT_TABLE, rows: namedDisbursements(read, filter), cellsOf: disbursementCells } as ExportPlan;
  },
};

const events: Export = {
  name: 'events',
  roles: MAY.readRawEvents,
  plan({ store }, params, _caller, other) {
    const year = eventYearOf(params, other);
    return { baseName: `events-${year}`, table: EVENT_TABLE, rows: eventsOfFiscalYear(store, year), cellsOf: eventCells } as ExportPlan;
  },
};

export const EXPORTS: readonly Export[] = [disbursements, events];

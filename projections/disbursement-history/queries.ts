/** The disbursement history (拨付明细) as auditors filter it, with totals over the filter. */
import { disbursementHistory, type DisbursementRow } from './disbursement-history.js';
import type { Fen } from '../../src/shared/money.js';
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { selectFields, selectList } from '../../src/readmodel/table.js';
import { byKeys, pageOf, where, type Listed, type Page } from '../../src/readmodel/queries/sql.js';
import type { ReportedAt } from '../finance-journal/queries.js';

export interface DisbursementFilter {
  creditCode?: string;
  lineCode?: string;
  fiscalYear?: number;
  payer?: string;
  county?: string;
  applicationId?: string;
  /** Value dates, inclusive (YYYY-MM-DD). */
  paidFrom?: string;
  paidTo?: string;
  /** Amounts, inclusive. */
  minAmountFen?: Fen;
  maxAmountFen?: Fen;
  /** Who approved the award paid. */
  approvedBy?: string;
  /** As of a business date: paid on or before it (YYYY-MM-DD). */
  asOf?: string;
  /** As the ledger reported it at a log position or time: recorded by then. */
  asReportedAt?: ReportedAt;
}

const DISBURSEMENT = selectList(disbursementHistory.tables.disbursements);

/** Rows per statement when a whole filter is read out (an export): memory is one page, however many match. */
const EXPORT_PAGE = 1_000;

function disbursementWhere(filter: DisbursementFilter) {
  return where([
    ['credit_code = ?', filter.creditCode],
    ['line_code = ?', filter.lineCode],
    ['fiscal_year = ?', filter.fiscalYear],
    ['payer = ?', filter.payer],
    ['county = ?', filter.county],
    ['application_id = ?', filter.applicationId],
    ['paid_on >= ?', filter.paidFrom],
    ['paid_on <= ?', filter.paidTo],
    ['amount_fen >= ?', filter.minAmountFen],
    ['amount_fen <= ?', filter.maxAmountFen],
    ['approved_by = ?', filter.approvedBy],
    ['paid_on <= ?', filter.asOf],
    ['position <= ?', filter.asReportedAt && 'position' in filter.asReportedAt ? filter.asReportedAt.position : undefined],
    ['recorded_at <= ?', filter.asReportedAt && 'time' in filter.asReportedAt ? filter.asReportedAt.time : undefined],
  ]);
}

export function disbursementQueries(rs: ReadStore) {
  return {
    /**
     * A page of payments, latest value date first, with the count and sum over the whole filter.
     * `fields` narrows the rows to what the caller reads (every text value read out costs; the
     * auditors' page of 100 rows reads 9 of the 19 columns in half the time of all of them).
     */
    disbursements<Field extends keyof DisbursementRow & string = keyof DisbursementRow & string>(
      filter: DisbursementFilter,
      page: Page,
      fields?: readonly Field[],
    ): Listed<Pick<DisbursementRow, Field>> & { totalFen: Fen } {
      const w = disbursementWhere(filter);
      const select = fields ? selectFields(disbursementHistory.tables.disbursements, fields) : DISBURSEMENT;
      const rows = pageOf<Pick<DisbursementRow, Field>>(rs, select, 'disbursements', w, 'paid_on DESC, disbursement_id', page);
      const totals = rs.get<{ n: number; fen: Fen }>(
        `SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM disbursements ${w.clause}`,
        w.params,
      )!;
      return { rows, totalCount: totals.n, totalFen: totals.fen };
    },
    /**
     * Every payment under the filter, by value date, a page at a time: what the read model held
     * when the first page was read (rows are only ever inserted, so its checkpoint then pins the
     * set), each next page read after the last key of the one before, so no statement stays open
     * between pages and memory does not grow with the count.
     */
    *disbursementPages(filter: DisbursementFilter): Generator<DisbursementRow[]> {
      const asOf = rs.get<{ position: string | null }>(
        'SELECT position FROM projection_state WHERE name = ? AND active = 1',
        [disbursementHistory.name],
      )?.position;
      if (asOf == null) return;
      const w = disbursementWhere(filter);
      const sql = `SELECT ${DISBURSEMENT} FROM disbursements ${w.clause ? `${w.clause} AND` : 'WHERE'} position <= ?
        AND (paid_on, disbursement_id) > (?, ?) ORDER BY paid_on, disbursement_id LIMIT ${EXPORT_PAGE}`;
      let after = ['', ''];
      for (;;) {
        const rows = rs.all<DisbursementRow>(sql, [...w.params, asOf, ...after]);
        if (rows.length > 0) yield rows;
        if (rows.length < EXPORT_PAGE) return;
        const last = rows.at(-1)!;
        after = [last.paidOn, last.disbursementId];
      }
    },
    disbursementsById: byKeys<DisbursementRow>(rs, DISBURSEMENT, 'disbursements', 'disbursement_id', (d) => d.disbursementId),
  };
}

/**
 * Figures as of a date (截至某日) from the finance journal: per budget line, per enterprise, and the
 * budget execution report (预算执行情况) per line and rolled up per article (条) and payer. `asOf` is a
 * business date (approval, payment, clawback, repayment date); `asReportedAt` is what the ledger
 * said at a log position or time, before entries recorded later with earlier business dates.
 */
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { where } from '../../src/readmodel/queries/sql.js';
import type { Fen } from '../../src/shared/money.js';
import type { EntryKind } from './entries.js';

/** What the ledger had recorded: up to a log position (inclusive), or up to an instant. */
export type ReportedAt = { position: string } | { time: string };

export interface AsOf {
  /** Business date, inclusive (YYYY-MM-DD). */
  asOf?: string;
  asReportedAt?: ReportedAt;
}

/** A position as the stores write them (20-digit parts); anything else is read as an instant. */
export function reportedAt(value: string): ReportedAt {
  return /^\d{20}(\/\d{20})*$/.test(value) ? { position: value } : { time: new Date(value).toISOString() };
}

/** The budget execution figures (预算执行) of one line, or of a roll-up of lines. */
export interface ExecutionFigures {
  allocatedFen: Fen;
  adjustmentsFen: Fen;
  /** Approved (or being approved) and neither paid, carried out nor lapsed. */
  committedFen: Fen;
  disbursedFen: Fen;
  recoveredFen: Fen;
  carriedInFen: Fen;
  carriedOutFen: Fen;
  lapsedFen: Fen;
  /** allocated + adjustments + carried in − committed − disbursed − carried out; a closed line's surplus (结余). */
  availableFen: Fen;
}

export interface LineExecution extends ExecutionFigures {
  budgetLineId: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  /** The year was closed (结账) by the date. */
  closed: boolean;
}

export interface ArticleExecution extends ExecutionFigures {
  /** 条, e.g. "(五)" */
  article: string;
  payer: string;
  fiscalYear: number;
}

export interface EnterpriseFiguresAsOf {
  creditCode: string;
  approvedFen: Fen;
  disbursedFen: Fen;
  clawbackDemandedFen: Fen;
  recoveredFen: Fen;
  waivedFen: Fen;
  outstandingClawbackFen: Fen;
  netBenefitFen: Fen;
}

type Sums = Partial<Record<EntryKind, Fen>>;

const FIGURE_NAMES = ['allocatedFen', 'adjustmentsFen', 'committedFen', 'disbursedFen', 'recoveredFen', 'carriedInFen', 'carriedOutFen', 'lapsedFen', 'availableFen'] as const;

/** The line's figures from its journal sums. */
export function executionOf(s: Sums): ExecutionFigures {
  const k = (kind: EntryKind) => s[kind] ?? 0;
  const held = k('committed') - k('released') + k('carried_in') - k('lapsed');
  const allocatedFen = k('allocated');
  const adjustmentsFen = k('adjusted');
  return {
    allocatedFen,
    adjustmentsFen,
    committedFen: held - k('disbursed') - k('carried_out'),
    disbursedFen: k('disbursed'),
    recoveredFen: k('recovered'),
    carriedInFen: k('carried_in'),
    carriedOutFen: k('carried_out'),
    lapsedFen: k('lapsed'),
    availableFen: allocatedFen + adjustmentsFen + k('carried_in') - held,
  };
}

/** 预算执行情况: every line of a year with its article (条), and the roll-up per article and payer. */
export interface BudgetExecution {
  lines: (LineExecution & { article: string })[];
  articles: ArticleExecution[];
}

/** Per article (条) and payer: the sums of its lines. */
export function rollUp(lines: BudgetExecution['lines']): ArticleExecution[] {
  const groups = new Map<string, ArticleExecution>();
  for (const line of lines) {
    const { article } = line;
    const key = `${article}\u0000${line.payer}`;
    const group = groups.get(key) ?? { article, payer: line.payer, fiscalYear: line.fiscalYear, ...executionOf({}) };
    for (const figure of FIGURE_NAMES) group[figure] += line[figure];
    groups.set(key, group);
  }
  return [...groups.values()];
}

function asOfConditions({ asOf, asReportedAt }: AsOf): Array<[string, unknown]> {
  return [
    ['business_date <= ?', asOf],
    ['position <= ?', asReportedAt && 'position' in asReportedAt ? asReportedAt.position : undefined],
    ['recorded_at <= ?', asReportedAt && 'time' in asReportedAt ? asReportedAt.time : undefined],
  ];
}

export interface LineFilter {
  lineCode?: string;
  fiscalYear?: number;
  payer?: string;
}

export function financeJournalQueries(rs: ReadStore) {
  type LineSumRow = { budgetLineId: string; lineCode: string; fiscalYear: number; payer: string; kind: EntryKind; fen: Fen };
  const SUMS = `budget_line_id AS budgetLineId, line_code AS lineCode, fiscal_year AS fiscalYear, payer, kind, sum(amount_fen) AS fen`;
  const lineFilter = (filter: LineFilter): Array<[string, unknown]> => [['fiscal_year = ?', filter.fiscalYear], ['line_code = ?', filter.lineCode], ['payer = ?', filter.payer]];

  /** As reported at a position or time: the entries recorded by then (one range of a covering index). */
  function reportedSums(filter: LineFilter, at: AsOf): LineSumRow[] {
    const w = where([...lineFilter(filter), ...asOfConditions(at)]);
    return rs.all<LineSumRow>(`SELECT ${SUMS} FROM finance_journal ${w.clause} GROUP BY budget_line_id, kind`, w.params);
  }

  /** As of a date: the months before its month, then the days of its month, from the period totals. */
  function periodSums(filter: LineFilter, asOf: string | undefined): LineSumRow[] {
    const months = where([...lineFilter(filter), ['period < ?', asOf?.slice(0, 7)]]);
    if (asOf === undefined) return rs.all<LineSumRow>(`SELECT ${SUMS} FROM fj_monthly ${months.clause} GROUP BY budget_line_id, kind`, months.params);
    const days = where([...lineFilter(filter), ['period >= ?', `${asOf.slice(0, 7)}-01`], ['period <= ?', asOf]]);
    const columns = 'budget_line_id, line_code, fiscal_year, payer, kind, amount_fen';
    return rs.all<LineSumRow>(
      `SELECT ${SUMS} FROM (SELECT ${columns} FROM fj_monthly ${months.clause} UNION ALL SELECT ${columns} FROM fj_daily ${days.clause}) GROUP BY budget_line_id, kind`,
      [...months.params, ...days.params],
    );
  }

  /** Each line's sums by kind under the filter, as of the date. */
  function lineSums(filter: LineFilter, at: AsOf): Map<string, { lineCode: string; fiscalYear: number; payer: string; sums: Sums }> {
    const rows = at.asReportedAt ? reportedSums(filter, at) : periodSums(filter, at.asOf);
    const lines = new Map<string, { lineCode: string; fiscalYear: number; payer: string; sums: Sums }>();
    for (const r of rows) {
      const line = lines.get(r.budgetLineId) ?? { lineCode: r.lineCode, fiscalYear: r.fiscalYear, payer: r.payer, sums: {} };
      line.sums[r.kind] = (line.sums[r.kind] ?? 0) + r.fen;
      lines.set(r.budgetLineId, line);
    }
    return lines;
  }

  function linesAsOf(filter: LineFilter, at: AsOf): LineExecution[] {
    return [...lineSums(filter, at)]
      .filter(([, l]) => l.sums.allocated !== undefined)
      .map(([budgetLineId, l]) => ({ budgetLineId, lineCode: l.lineCode, fiscalYear: l.fiscalYear, payer: l.payer, closed: l.sums.closed !== undefined, ...executionOf(l.sums) }))
      .sort((a, b) => b.fiscalYear - a.fiscalYear || a.lineCode.localeCompare(b.lineCode) || a.payer.localeCompare(b.payer));
  }

  return {
    /** Budget lines under the filter as they stood at the date (and as reported then), latest year first. */
    budgetLinesAsOf: linesAsOf,

    /** 预算执行情况: every line of the year and the roll-up per article and payer, as of the date. */
    budgetExecution(fiscalYear: number, at: AsOf): BudgetExecution {
      const articleOf = new Map(rs.all<{ lineCode: string; article: string }>(`SELECT line_code AS lineCode, article FROM benefit_lines`).map((r) => [r.lineCode, r.article]));
      const lines = linesAsOf({ fiscalYear }, at).map((line) => ({ ...line, article: articleOf.get(line.lineCode) ?? '' }));
      const articles = rollUp(lines).sort((a, b) => a.article.localeCompare(b.article) || a.payer.localeCompare(b.payer));
      return { lines, articles };
    },

    /** One enterprise's benefit balance as of the date. */
    enterpriseBalanceAsOf(creditCode: string, at: AsOf): EnterpriseFiguresAsOf {
      const w = where([['credit_code = ?', creditCode], ...asOfConditions(at)]);
      const rows = rs.all<{ kind: EntryKind; fen: Fen }>(`SELECT kind, sum(amount_fen) AS fen FROM finance_journal ${w.clause} GROUP BY kind`, w.params);
      const s: Sums = Object.fromEntries(rows.map((r) => [r.kind, r.fen]));
      const k = (kind: EntryKind) => s[kind] ?? 0;
      return {
        creditCode,
        approvedFen: k('approved'),
        disbursedFen: k('disbursed'),
        clawbackDemandedFen: k('clawback_demanded'),
        recoveredFen: k('recovered'),
        waivedFen: k('waived'),
        outstandingClawbackFen: k('clawback_demanded') - k('recovered') - k('waived'),
        netBenefitFen: k('disbursed') - k('recovered'),
      };
    },
  };
}

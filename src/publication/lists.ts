/**
 * The lists as published (公示名单 and 奖励名单): the notice list of a benefit line and year (every
 * application its notices proposed), and the award list (every approved award), each row in the
 * usual Chinese layout: 序号, 企业名称, 县（市、区）, 奖补项目, 金额（万元）, and a total row.
 */
import { XUCHANG_COUNTIES } from '../catalog/counties.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import { DomainError } from '../shared/errors.js';
import type { Fen } from '../shared/money.js';

/** Which list: the notice of proposed awards (拟奖励名单公示) or the awards made (奖励名单). */
export type ListKind = 'notice' | 'award';

export const LIST_KINDS: readonly ListKind[] = ['notice', 'award'];

export interface ListRow {
  /** 序号, from 1. */
  position: number;
  enterpriseName: string;
  creditCode: string;
  /** 县（市、区）, in Chinese. */
  countyName: string;
  /** 奖补项目: the line in the policy's words. */
  benefit: string;
  amountFen: Fen;
}

export interface PublishedList {
  kind: ListKind;
  lineCode: string;
  fiscalYear: number;
  /** e.g. 许昌市2025年度小微企业扶持资金拟奖励名单公示（许政〔2016〕8号第(五)条） */
  title: string;
  /** The notices' periods, for the notice list: "2025-09-26 – 2025-10-09 (5 working days)". */
  periods: { startsOn: string; endsOn: string; workingDays: number }[];
  rows: ListRow[];
  totalFen: Fen;
}

const countyName = (code: string) => XUCHANG_COUNTIES.find((c) => c.code === code)?.nameZh ?? code;

/** Approved awards are read a page at a time: a line's year holds hundreds at most. */
const PAGE = 500;

function approvedAwards(read: ReadModelQueries, lineCode: string, fiscalYear: number) {
  const rows = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = read.applications({ lineCode, fiscalYear, status: 'approved' }, { limit: PAGE, offset });
    rows.push(...page.rows);
    if (rows.length >= page.totalCount || page.rows.length === 0) break;
  }
  // In the order they were approved, as a list of decisions is published.
  return rows.sort((a, b) => (a.approvedAt ?? '').localeCompare(b.approvedAt ?? '') || a.applicationId.localeCompare(b.applicationId));
}

export function publishedList(read: ReadModelQueries, kind: ListKind, lineCode: string, fiscalYear: number): PublishedList {
  const [line] = read.benefitLinesByCode([lineCode]);
  if (!line) throw new DomainError('NOT_FOUND', `benefit line ${lineCode} is not defined`);
  const benefit = line.titleZh;
  let rows: Omit<ListRow, 'position'>[];
  let periods: PublishedList['periods'] = [];
  if (kind === 'notice') {
    // Oldest notice first, each in its own published order.
    const notices = read.notices({ lineCode, fiscalYear }).reverse();
    periods = notices.map(({ startsOn, endsOn, workingDays }) => ({ startsOn, endsOn, workingDays }));
    rows = notices.flatMap((n) =>
      read.noticeEntries(n.noticeId).map((e) => ({ enterpriseName: e.enterpriseName, creditCode: e.creditCode, countyName: countyName(e.county), benefit, amountFen: e.proposedFen })),
    );
  } else {
    const awards = approvedAwards(read, lineCode, fiscalYear);
    const names = read.enterprisesByCreditCode(awards.map((a) => a.creditCode));
    rows = awards.map((a, i) => ({ enterpriseName: names[i]?.name ?? a.creditCode, creditCode: a.creditCode, countyName: countyName(a.county), benefit, amountFen: a.approvedFen ?? 0 }));
  }
  const [policy] = read.policiesByCode([line.policyCode]);
  const basis = `${policy?.documentNumber ?? line.policyCode}第${line.article}条`;
  const title = `许昌市${fiscalYear}年度小微企业扶持资金${kind === 'notice' ? '拟奖励名单公示' : '奖励名单'}（${basis}）`;
  const totalFen = rows.reduce((sum, r) => sum + r.amountFen, 0);
  return { kind, lineCode, fiscalYear, title, periods, rows: rows.map((r, i) => ({ ...r, position: i + 1 })), totalFen };
}

/** Fen as 万元, exactly: 500,000.00 yuan is "50", 75,000 yuan "7.5", ¥12,345.67 "1.234567". */
export function tenThousandYuan(fen: Fen): string {
  const whole = Math.trunc(fen / 1_000_000);
  const fraction = String(fen % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

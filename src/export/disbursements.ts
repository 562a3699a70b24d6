/**
 * The disbursement history (拨付明细) as an auditor's file: one row per payment under the API's
 * filter, by value date, with the firm's name and county spelled out and the approval behind it.
 */
import type { DisbursementRow } from '../../projections/disbursement-history/disbursement-history.js';
import type { DisbursementFilter } from '../../projections/disbursement-history/queries.js';
import { XUCHANG_COUNTIES } from '../catalog/counties.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import { formatYuan } from '../shared/money.js';
import type { Cell, TableOptions } from './table.js';

export const DISBURSEMENT_TABLE: TableOptions = {
  sheetName: '拨付明细 Disbursements',
  header: [
    '拨付编号 disbursementId',
    '支付日期 paidOn',
    '金额（元） amount',
    '统一社会信用代码 creditCode',
    '企业名称 enterprise',
    '县（市、区） county',
    '奖补项目 lineCode',
    '年度 fiscalYear',
    '出资方 payer',
    '预算指标 budgetLineId',
    '申请编号 applicationId',
    '审批人 approvedBy',
    '审批时间 approvedAt',
    '文号 approvalDocumentRef',
    '支付凭证号 paymentReference',
    '登记人 recordedBy',
    '登记时间 recordedAt',
    '事件编号 eventId',
    '日志位置 position',
  ],
};

const COUNTY_NAMES = new Map(XUCHANG_COUNTIES.map((c) => [c.code, c.nameZh]));

/** A payment and its firm's registered name. */
export interface NamedDisbursement {
  payment: DisbursementRow;
  enterpriseName: string;
}

/**
 * The payments under the filter, by value date, each with its firm's name: the names of a page
 * are read in one statement and kept, so as many are held as firms paid, not payments.
 */
export function* namedDisbursements(read: ReadModelQueries, filter: DisbursementFilter): Generator<NamedDisbursement> {
  const names = new Map<string, string>();
  for (const page of read.disbursementPages(filter)) {
    const missing = [...new Set(page.map((d) => d.creditCode).filter((code) => !names.has(code)))];
    read.enterprisesByCreditCode(missing).forEach((e, i) => names.set(missing[i]!, e?.name ?? ''));
    for (const payment of page) yield { payment, enterpriseName: names.get(payment.creditCode)! };
  }
}

export function disbursementCells({ payment: d, enterpriseName }: NamedDisbursement): Cell[] {
  return [
    d.disbursementId,
    d.paidOn,
    { decimal: formatYuan(d.amountFen) },
    d.creditCode,
    enterpriseName,
    COUNTY_NAMES.get(d.county) ?? d.county,
    d.lineCode,
    d.fiscalYear,
    d.payer,
    d.budgetLineId,
    d.applicationId,
    d.approvedBy,
    d.approvedAt,
    d.approvalDocumentRef,
    d.paymentReference,
    d.recordedBy,
    d.recordedAt,
    d.eventId,
    d.position,
  ];
}

/**
 * The disbursement history (拨付明细) as an auditor's file: one row per payment under the API's
 * filter, by value date, with the firm's name and county spelled out and the approval behind it.
 */
import type { DisbursementRow } from '../../projections/disbursement-history/disbursement-history.js';
import { findCounty } from '../catalog/counties.js';
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

/**
 * Cells of one payment. Firms' names are looked up once each and kept: as many as the firms
 * paid, not the payments.
 */
export function disbursementCells(read: ReadModelQueries): (row: DisbursementRow) => Cell[] {
  const names = new Map<string, string>();
  const nameOf = (creditCode: string) => {
    let name = names.get(creditCode);
    if (name === undefined) names.set(creditCode, (name = read.enterprisesByCreditCode([creditCode])[0]?.name ?? ''));
    return name;
  };
  return (d) => [
    d.disbursementId,
    d.paidOn,
    { decimal: formatYuan(d.amountFen) },
    d.creditCode,
    nameOf(d.creditCode),
    findCounty(d.county)?.nameZh ?? d.county,
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

/**
 * The floor of the auditors' page: the same JSON the API answers for `DisbursementPage`, built by
 * hand from the same read-model queries (the page, of the columns its fields read, with its totals, then the enterprises, benefit
 * lines and approvals its rows refer to, one statement per kind), with no GraphQL at all; served
 * over node:http to the same clients after the same token check. What the page costs over this is
 * what GraphQL, Apollo and the schema's layers cost. Only for that one operation, never a server.
 */
import type { IncomingMessage } from 'node:http';
import { findCounty } from '../src/catalog/counties.js';
import type { TokenVerifier } from '../src/graphql/auth/verify-token.js';
import { readBody } from '../src/graphql/read-body.js';
import { connectionOf } from '../src/graphql/shared/connection.js';
import type { Batch } from '../src/readmodel/queries/sql.js';
import type { ReadModelQueries } from '../src/readmodel/queries/index.js';
import { formatYuan } from '../src/shared/money.js';
import { type JsonServer, startJsonServer } from './json-server.js';

/** One statement for the distinct keys; the rows by key. */
function rowsByKey<Row>(batch: Batch<Row>, keys: string[]): Map<string, Row> {
  const distinct = [...new Set(keys)];
  const rows = batch(distinct);
  return new Map(distinct.map((key, i) => [key, rows[i]!]));
}

/** The columns the `DisbursementPage` example's nodes read, as the API narrows its page to them. */
const PAGE_FIELDS = ['disbursementId', 'amountFen', 'paidOn', 'paymentReference', 'recordedBy', 'payer', 'creditCode', 'lineCode', 'approvalId'] as const;

/** The `DisbursementPage` example's answer for an unfiltered page of `first` rows. */
export function disbursementPageByHand(read: ReadModelQueries, first: number) {
  const page = { limit: first, offset: 0 };
  const { rows, totalCount, totalFen } = read.disbursements({}, page, PAGE_FIELDS);
  const enterprises = rowsByKey(read.enterprisesByCreditCode, rows.map((d) => d.creditCode));
  const lines = rowsByKey(read.benefitLinesByCode, rows.map((d) => d.lineCode));
  const approvals = rowsByKey(read.approvalsById, rows.map((d) => d.approvalId));
  const { pageInfo } = connectionOf(rows, totalCount, page);
  const edges = rows.map((d) => {
    const enterprise = enterprises.get(d.creditCode)!;
    const line = lines.get(d.lineCode)!;
    const approval = approvals.get(d.approvalId)!;
    return {
      node: {
        id: d.disbursementId,
        amount: formatYuan(d.amountFen),
        paidOn: d.paidOn,
        paymentReference: d.paymentReference,
        recordedBy: d.recordedBy,
        payer: d.payer,
        enterprise: { creditCode: enterprise.creditCode, name: enterprise.name, county: { nameZh: findCounty(enterprise.county)!.nameZh } },
        benefitLine: { code: line.lineCode, titleZh: line.titleZh },
        approval: {
          id: approval.approvalId,
          amount: formatYuan(approval.amountFen),
          approvedBy: approval.approvedBy,
          approvedAt: approval.approvedAt,
          documentRef: approval.documentRef,
        },
      },
    };
  });
  return {
    data: {
      disbursements: {
        totalCount,
        totals: { count: totalCount, amount: formatYuan(totalFen) },
        pageInfo: { hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor },
        edges,
      },
    },
  };
}

/** Serves the page built by hand to a caller whose token verifies, as the API does. */
export function startPageFloorServer(options: { read: ReadModelQueries; verifyToken: TokenVerifier }): Promise<JsonServer> {
  return startJsonServer(async (req: IncomingMessage) => {
    const body = JSON.parse(await readBody(req, 100_000)) as { variables?: { first?: number } };
    if (!(await options.verifyToken(req.headers.authorization))) return [401, { errors: [{ message: 'a bearer token is needed' }] }];
    return [200, disbursementPageByHand(options.read, body.variables?.first ?? 100)];
  });
}

/**
 * 360Giving (open data on grants, standard 1.4): each approved grant as the standard's grant
 * record, from the application's booking and the events of its stream. Pure: what it needs is
 * passed in.
 *
 * Amounts are JSON numbers of yuan, as the standard requires; each is made from the ledger's
 * decimal string ("12345.67"), which a number prints back exactly, and every sum is made in
 * integer fen first.
 */
import type { BenefitLineDefinition } from '../catalog/catalog.js';
import { findCounty } from '../catalog/counties.js';
import type { EventData } from '../events.js';
import type { RecordedEvent } from '../eventstore/port.js';
import { type Fen, formatYuan } from '../shared/money.js';
import { funderOf, type OpenDataSettings, type Organisation } from './settings.js';

/** The standard's version, as a package names it. */
export const GIVING360_VERSION = '1.4';

/** The money of a grant record. */
const CURRENCY = 'CNY';

/** What the read model says of an approved application. */
export interface ApprovedGrant {
  applicationId: string;
  creditCode: string;
  enterpriseName: string;
  line: Pick<BenefitLineDefinition, 'lineCode' | 'title' | 'titleZh' | 'policyCode'>;
  fiscalYear: number;
  payer: string;
  county: string;
  /** When the read model last saw it change. */
  updatedAt: string;
}

export interface Transaction {
  id: string;
  transactionDate: string;
  currency: string;
  value: number;
  description: string;
  provider: string;
  recipient: string;
}

export interface Giving360Grant {
  id: string;
  title: string;
  description: string;
  currency: string;
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  recipientOrganization: (Organisation & { addressCountry: string })[];
  fundingOrganization: Organisation[];
  grantProgramme: { code: string; title: string }[];
  beneficiaryLocation: { id: string; name: string; countryCode: string; geoCode: string; geoCodeType: string }[];
  fromOpenCall: 'Yes' | 'No';
  disbursementTransaction: Transaction[];
  dateModified: string;
}

const yuan = (fen: Fen) => Number(formatYuan(fen));

/** `360G-<prefix>-<application id>` */
export const grantId = (settings: OpenDataSettings, applicationId: string) => `360G-${settings.prefix}-${applicationId}`;

/** A Chinese firm's organisation identifier (org-id.guide): its Unified Social Credit Code. */
export const recipientId = (creditCode: string) => `CN-USCI-${creditCode}`;

/**
 * The grant record of an approved application, from its stream's events: the approval, each
 * payment (拨付), and each clawback repayment (追回) as a negative disbursement, so that the
 * disbursed amount is what the firm kept. Undefined when the stream holds no approval.
 */
export function giving360Grant(grant: ApprovedGrant, events: readonly RecordedEvent[], settings: OpenDataSettings): Giving360Grant | undefined {
  const approved = events.find((e) => e.type === 'ApplicationApproved')?.data as EventData<'ApplicationApproved'> | undefined;
  if (!approved) return undefined;
  const funder = funderOf(settings, grant.payer);
  const recipient = { id: recipientId(grant.creditCode), name: grant.enterpriseName, addressCountry: 'CN' };
  const transactions = transactionsOf(events, funder.id, recipient.id);
  const county = findCounty(grant.county);
  const { line } = grant;
  return {
    id: grantId(settings, grant.applicationId),
    title: `${line.titleZh}：${grant.enterpriseName}`.slice(0, 140),
    description: `${line.titleZh}（${line.title}），${grant.fiscalYear}年度，依据${line.policyCode}。`,
    currency: CURRENCY,
    amountAwarded: yuan(approved.amountFen),
    amountDisbursed: yuan(transactions.reduce((sum, t) => sum + t.fen, 0)),
    awardDate: approved.approvedAt,
    recipientOrganization: [recipient],
    fundingOrganization: [funder],
    grantProgramme: [{ code: line.lineCode, title: `${line.titleZh} ${line.title}` }],
    beneficiaryLocation: [
      {
        id: county?.divisionCode ?? grant.county,
        name: county ? `${county.nameZh} ${county.name}` : grant.county,
        countryCode: 'CN',
        geoCode: county?.divisionCode ?? grant.county,
        geoCodeType: 'GB/T 2260 行政区划代码',
      },
    ],
    // Any firm that meets the policy may apply (申报): the lines are open calls.
    fromOpenCall: 'Yes',
    disbursementTransaction: transactions.map(({ fen: _fen, ...t }) => t),
    dateModified: grant.updatedAt,
  };
}

function transactionsOf(events: readonly RecordedEvent[], provider: string, recipient: string): (Transaction & { fen: Fen })[] {
  const reasons = new Map<string, string>();
  const transactions: (Transaction & { fen: Fen })[] = [];
  const money = (id: string, fen: Fen, transactionDate: string, description: string) =>
    transactions.push({ id, fen, transactionDate, currency: CURRENCY, value: yuan(fen), description, provider, recipient });
  for (const event of events) {
    if (event.type === 'DisbursementRecorded') {
      const d = event.data as EventData<'DisbursementRecorded'>;
      money(d.disbursementId, d.amountFen, d.paidOn, `拨付 payment ${d.paymentReference}`);
    } else if (event.type === 'ClawbackDemanded') {
      const c = event.data as EventData<'ClawbackDemanded'>;
      reasons.set(c.clawbackId, c.reason);
    } else if (event.type === 'ClawbackRepaid') {
      const r = event.data as EventData<'ClawbackRepaid'>;
      money(r.repaymentId, -r.amountFen, r.paidOn, `追回退款 clawback repaid ${r.paymentReference}: ${reasons.get(r.clawbackId) ?? ''}`.trim());
    }
  }
  return transactions;
}

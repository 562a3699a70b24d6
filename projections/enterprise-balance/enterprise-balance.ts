/**
 * Enterprise benefit balance (企业受益台账): per enterprise, and per enterprise × benefit line ×
 * fiscal year, what was approved, paid, demanded back (追回), repaid and waived.
 *
 * outstanding clawback = demanded − recovered − waived; net benefit = disbursed − recovered.
 * Only ApplicationApproved counts as approved: an approval in flight is not yet a benefit.
 */
import { defineProjection, type Tables } from '../../src/readmodel/projection.js';
import { column, type Columns, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { bookingOf, GRANT_BOOKING_COLUMNS, type GrantBooking } from '../grant-booking.js';
import { enterpriseBalanceReplay } from './replay.js';

export interface Figures {
  approvedFen: Fen;
  disbursedFen: Fen;
  clawbackDemandedFen: Fen;
  recoveredFen: Fen;
  waivedFen: Fen;
}

export interface EnterpriseBalanceRow extends Figures {
  creditCode: string;
}

export interface EnterpriseLineBalanceRow extends Figures {
  creditCode: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  budgetLineId: string;
}

const FIGURES: Columns<Figures> = {
  approvedFen: column.integer,
  disbursedFen: column.integer,
  clawbackDemandedFen: column.integer,
  recoveredFen: column.integer,
  waivedFen: column.integer,
};

const COMPUTED = {
  outstanding_clawback_fen: 'clawback_demanded_fen - recovered_fen - waived_fen',
  net_benefit_fen: 'disbursed_fen - recovered_fen',
};

const openBalance = (creditCode: string): EnterpriseBalanceRow => ({
  creditCode,
  approvedFen: 0,
  disbursedFen: 0,
  clawbackDemandedFen: 0,
  recoveredFen: 0,
  waivedFen: 0,
});

const openLineBalance = (b: GrantBooking): EnterpriseLineBalanceRow => ({
  creditCode: b.creditCode,
  lineCode: b.lineCode,
  fiscalYear: b.fiscalYear,
  payer: b.payer,
  budgetLineId: b.budgetLineId,
  approvedFen: 0,
  disbursedFen: 0,
  clawbackDemandedFen: 0,
  recoveredFen: 0,
  waivedFen: 0,
});

const tables = {
  enterpriseBalances: tableSpec<EnterpriseBalanceRow>({
    columns: { creditCode: column.text, ...FIGURES },
    primaryKey: ['creditCode'],
    computed: COMPUTED,
  }),
  enterpriseLineBalances: tableSpec<EnterpriseLineBalanceRow>({
    columns: {
      creditCode: column.text,
      lineCode: column.text,
      fiscalYear: column.integer,
      payer: column.text,
      budgetLineId: column.text,
      ...FIGURES,
    },
    primaryKey: ['creditCode', 'lineCode', 'fiscalYear'],
    computed: COMPUTED,
    indexes: ['budget_line_id', 'line_code, fiscal_year'],
  }),
  ebBookings: tableSpec<GrantBooking>({
    columns: GRANT_BOOKING_COLUMNS,
    primaryKey: ['applicationId'],
  }),
};

/** Adds an amount to one figure of the application's enterprise, in total and on its line and year. */
function book(t: Tables<typeof tables>, applicationId: string, figure: keyof Figures, amountFen: Fen): void {
  const booking = t.ebBookings.get(applicationId);
  const total = t.enterpriseBalances.upsert(booking.creditCode, () => openBalance(booking.creditCode));
  const line = t.enterpriseLineBalances.upsert([booking.creditCode, booking.lineCode, booking.fiscalYear], () =>
    openLineBalance(booking),
  );
  total[figure] += amountFen;
  line[figure] += amountFen;
}

export const enterpriseBalance = defineProjection({
  name: 'enterprise-balance',
  version: 1,
  tables,
  handlers: {
    EnterpriseRegistered: (t, { data }) => {
      t.enterpriseBalances.insert(openBalance(data.creditCode));
    },
    ApplicationSubmitted: (t, { data }) => {
      t.ebBookings.insert(bookingOf(data));
    },
    ApplicationApproved: (t, { data }) => book(t, data.applicationId, 'approvedFen', data.amountFen),
    DisbursementRecorded: (t, { data }) => book(t, data.applicationId, 'disbursedFen', data.amountFen),
    ClawbackDemanded: (t, { data }) => book(t, data.applicationId, 'clawbackDemandedFen', data.amountFen),
    ClawbackRepaid: (t, { data }) => book(t, data.applicationId, 'recoveredFen', data.amountFen),
    ClawbackWaived: (t, { data }) => book(t, data.applicationId, 'waivedFen', data.amountFen),
  },
  replay: enterpriseBalanceReplay,
});

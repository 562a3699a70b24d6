/**
 * What the replay must give for the enterprise benefit balance (企业受益台账): per registered firm,
 * and per firm × benefit line × fiscal year awarded, the sums over its approved applications.
 */
import { defineReplay, groupBy, mapValues, notCompared, type Figures } from '../../src/readmodel/replay.js';
import type { Fen } from '../../src/shared/money.js';
import { applications, type Application } from '../application-list/replay.js';
import { registered } from '../enterprise-register/replay.js';

/** The stored figures of a balance, by column. */
export const BALANCE_FIGURES = ['approved_fen', 'disbursed_fen', 'clawback_demanded_fen', 'recovered_fen', 'waived_fen'] as const;

/** With what the read model computes from them. */
const COLUMNS = [...BALANCE_FIGURES, 'outstanding_clawback_fen', 'net_benefit_fen'];

function balance(rows: Application[]): Figures {
  const sum = (pick: (a: Application) => Fen) => rows.reduce((total, a) => total + pick(a), 0);
  const approved = sum((a) => a.approved ?? 0);
  const [disbursed, demanded, recovered, waived] = [sum((a) => a.disbursed), sum((a) => a.demanded), sum((a) => a.recovered), sum((a) => a.waived)];
  return {
    approved_fen: approved,
    disbursed_fen: disbursed,
    clawback_demanded_fen: demanded,
    recovered_fen: recovered,
    waived_fen: waived,
    outstanding_clawback_fen: demanded - recovered - waived,
    net_benefit_fen: disbursed - recovered,
  };
}

/** Only an approved application is a benefit. */
const awarded = (s: { applications: Map<string, Application> }) => [...s.applications.values()].filter((a) => a.approved !== null);

export const enterpriseBalanceReplay = defineReplay({
  folds: { registered, applications },
  tables: {
    enterpriseBalances: {
      key: 'credit_code',
      columns: COLUMNS,
      rows: ({ registered, applications }) => {
        const byFirm = groupBy(awarded(applications), (a) => a.creditCode);
        return new Map([...registered.keys()].map((code) => [code, balance(byFirm.get(code) ?? [])]));
      },
    },
    enterpriseLineBalances: {
      key: `credit_code || '/' || line_code || '/' || fiscal_year`,
      columns: ['payer', 'budget_line_id', ...COLUMNS],
      rows: ({ applications }) =>
        mapValues(groupBy(awarded(applications), (a) => `${a.creditCode}/${a.lineCode}/${a.fiscalYear}`), (rows) => ({
          payer: rows[0]!.payer,
          budget_line_id: rows[0]!.budgetLineId,
          ...balance(rows),
        })),
    },
    ebBookings: notCompared('working table: where each application books its money, read by the handlers only'),
  },
});

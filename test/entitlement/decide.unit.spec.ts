import { describe, it } from 'vitest';
import type { AwardFrequency } from '../../src/catalog/catalog.js';
import { entitlementDecider } from '../../src/entitlement/decide.js';
import type { EntitlementEvent } from '../../src/entitlement/entitlement.js';
import { creditCode, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(entitlementDecider);
const firm = creditCode(5);

const reserve = (approvalId: string, amountFen: number, frequency: AwardFrequency, fiscalYear = 2016, yearlyCapFen?: number) => ({
  type: 'ReserveEntitlement' as const,
  data: {
    lineCode: 'line',
    creditCode: firm,
    fiscalYear,
    applicationId: `app-${approvalId}`,
    approvalId,
    amountFen,
    frequency,
    yearlyCapFen,
    now: NOW,
  },
});
const reserved = (approvalId: string, amountFen: number, fiscalYear = 2016): EntitlementEvent => ({
  type: 'EntitlementReserved',
  data: { lineCode: 'line', creditCode: firm, fiscalYear, applicationId: `app-${approvalId}`, approvalId, amountFen, reservedAt: NOW },
});
const released = (approvalId: string): EntitlementEvent => ({
  type: 'EntitlementReleased',
  data: { applicationId: `app-${approvalId}`, approvalId, releasedAt: NOW },
});

describe('a firm already awarded the NEEQ listing reward (once per beneficiary)', () => {
  const given = [reserved('a1', yuan(500_000))];

  it('is refused the reward the second time, in any year', () => {
    spec.given(given).when(reserve('a2', yuan(500_000), 'once-per-beneficiary', 2017)).thenFails('ALREADY_AWARDED', /once per beneficiary/);
  });

  it('may be awarded again once that award was released (its approval abandoned)', () => {
    spec.given([...given, released('a1')]).when(reserve('a2', yuan(500_000), 'once-per-beneficiary')).then([reserved('a2', yuan(500_000))]);
  });

  it('reserves nothing new for the same approval', () => {
    spec.given(given).when(reserve('a1', yuan(500_000), 'once-per-beneficiary')).then([]);
  });
});

describe('a guarantee institution subsidised for 2016 (once per institution per year)', () => {
  const given = [reserved('a1', yuan(450_000))];

  it('is refused a second subsidy for 2016, and granted one for 2017', () => {
    spec.given(given).when(reserve('a2', yuan(1), 'once-per-beneficiary-per-year')).thenFails('ALREADY_AWARDED', /per year \(2016\)/);
    spec.given(given).when(reserve('a2', yuan(400_000), 'once-per-beneficiary-per-year', 2017)).then([reserved('a2', yuan(400_000), 2017)]);
  });
});

describe('a firm holding ¥75,000 of patent-pledge subsidy in 2016 (cap ¥100,000 a year)', () => {
  const given = [reserved('a1', yuan(75_000))];

  it('reserves up to ¥25,000 more in 2016', () => {
    spec.given(given).when(reserve('a2', yuan(25_000), 'unlimited', 2016, yuan(100_000))).then([reserved('a2', yuan(25_000))]);
  });

  it('is refused ¥25,000.01: caps are cumulative', () => {
    spec.given(given).when(reserve('a2', yuan(25_000) + 1, 'unlimited', 2016, yuan(100_000))).thenFails('CAP_EXCEEDED', /¥25000.00 remains/);
  });

  it('starts afresh in 2017', () => {
    spec.given(given).when(reserve('a2', yuan(100_000), 'unlimited', 2017, yuan(100_000))).then([reserved('a2', yuan(100_000), 2017)]);
  });
});

import { describe, expect, it } from 'vitest';
import { enterpriseBalance } from '../../projections/enterprise-balance/enterprise-balance.js';
import { project } from './project.js';
import {
  abandoned,
  approvalStarted,
  approved,
  BASE,
  clawbackDemanded,
  clawbackRepaid,
  clawbackWaived,
  FIRM,
  NEEQ_REWARD_FEN,
  paid,
  PATENT_CAP_FEN,
  registered,
  submitted,
} from './ledger-story.js';

const listing = { applicationId: 'neeq-1', lineCode: 'neeq-listing-reward', fiscalYear: 2024 };
const FIGURES = `approved_fen, disbursed_fen, clawback_demanded_fen, recovered_fen, waived_fen,
  outstanding_clawback_fen, net_benefit_fen`;

const balance = (p: ReturnType<typeof project>, creditCode = FIRM.creditCode) =>
  p.readStore.get(`SELECT ${FIGURES} FROM enterprise_balances WHERE credit_code = ?`, [creditCode]);

describe('a registered enterprise', () => {
  it('has a zero balance before any award', () => {
    const p = project(enterpriseBalance, registered(FIRM));
    expect(balance(p)).toEqual({
      approved_fen: 0,
      disbursed_fen: 0,
      clawback_demanded_fen: 0,
      recovered_fen: 0,
      waived_fen: 0,
      outstanding_clawback_fen: 0,
      net_benefit_fen: 0,
    });
  });

  it('is not credited for an approval still in flight, nor for one abandoned', () => {
    const p = project(
      enterpriseBalance,
      registered(FIRM),
      submitted(listing, NEEQ_REWARD_FEN),
      ...abandoned(listing, 'approval-1', NEEQ_REWARD_FEN),
      ...approvalStarted(listing, 'approval-2', NEEQ_REWARD_FEN),
    );
    expect(balance(p)).toMatchObject({ approved_fen: 0 });
    expect(p.rows('enterprise_line_balances')).toEqual([]);
  });
});

describe('an enterprise awarded the ¥500,000 NEEQ listing reward', () => {
  const story = [
    registered(FIRM),
    submitted(listing, NEEQ_REWARD_FEN),
    ...approved(listing, 'approval-1', NEEQ_REWARD_FEN),
    paid(listing, 'pay-1', 30_000_000, '2024-05-01'),
    paid(listing, 'pay-2', 20_000_000, '2024-06-01'),
  ];

  it('has been approved and paid ¥500,000, all of it its net benefit', () => {
    const p = project(enterpriseBalance, ...story);
    expect(balance(p)).toMatchObject({ approved_fen: 50_000_000, disbursed_fen: 50_000_000, net_benefit_fen: 50_000_000 });
  });

  it('owes what was clawed back (追回) until it is repaid or waived', () => {
    const p = project(enterpriseBalance, ...story, clawbackDemanded(listing, 'claw-1', 20_000_000));
    expect(balance(p)).toMatchObject({ clawback_demanded_fen: 20_000_000, outstanding_clawback_fen: 20_000_000 });
    p.apply(clawbackRepaid(listing, 'claw-1', 15_000_000), clawbackWaived(listing, 'claw-1', 5_000_000));
    expect(balance(p)).toEqual({
      approved_fen: 50_000_000,
      disbursed_fen: 50_000_000,
      clawback_demanded_fen: 20_000_000,
      recovered_fen: 15_000_000,
      waived_fen: 5_000_000,
      outstanding_clawback_fen: 0,
      net_benefit_fen: 35_000_000,
    });
  });

  it('has the same figures on its NEEQ line for 2024, with the line’s payer', () => {
    const p = project(enterpriseBalance, ...story);
    expect(p.rows('enterprise_line_balances')).toEqual([
      expect.objectContaining({
        credit_code: FIRM.creditCode,
        line_code: 'neeq-listing-reward',
        fiscal_year: 2024,
        payer: 'municipal',
        budget_line_id: 'neeq-listing-reward.2024.municipal',
        approved_fen: 50_000_000,
        disbursed_fen: 50_000_000,
        net_benefit_fen: 50_000_000,
      }),
    ]);
  });
});

describe('an enterprise subsidised on patent-pledge loans in two years', () => {
  const pledge2024 = { applicationId: 'pledge-2024', lineCode: 'patent-pledge-subsidy', fiscalYear: 2024 };
  const pledge2025 = { applicationId: 'pledge-2025', lineCode: 'patent-pledge-subsidy', fiscalYear: 2025 };

  it('has one line balance per year, and its total is their sum', () => {
    const p = project(
      enterpriseBalance,
      registered(FIRM),
      registered(BASE, 'startup-base'),
      submitted(pledge2024, PATENT_CAP_FEN),
      ...approved(pledge2024, 'approval-1', PATENT_CAP_FEN),
      submitted(pledge2025, 4_250_000),
      ...approved(pledge2025, 'approval-2', 4_250_000),
      paid(pledge2025, 'pay-1', 4_250_000, '2025-05-01'),
    );
    expect(p.rows('enterprise_line_balances', 'fiscal_year')).toEqual([
      expect.objectContaining({ fiscal_year: 2024, approved_fen: 10_000_000, disbursed_fen: 0 }),
      expect.objectContaining({ fiscal_year: 2025, approved_fen: 4_250_000, disbursed_fen: 4_250_000 }),
    ]);
    expect(balance(p)).toMatchObject({ approved_fen: 14_250_000, disbursed_fen: 4_250_000 });
    expect(balance(p, BASE.creditCode)).toMatchObject({ approved_fen: 0 });
  });
});

describe('a payment for an application the model has never seen', () => {
  it('stops the projection instead of crediting no one', () => {
    const p = project(enterpriseBalance, registered(FIRM));
    p.apply(paid(listing, 'pay-1', 30_000_000, '2024-05-01'));
    expect(p.member.failure).toMatchObject({
      eventType: 'DisbursementRecorded',
      error: 'MissingRowError: ebBookings neeq-1 is not in the read model',
    });
    expect(balance(p)).toMatchObject({ disbursed_fen: 0 });
  });
});

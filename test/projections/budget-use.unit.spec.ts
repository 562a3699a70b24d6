import { describe, expect, it } from 'vitest';
import { budgetUse } from '../../projections/budget-use/budget-use.js';
import { event, project } from './project.js';
import {
  abandoned,
  allocated,
  approvalStarted,
  approved,
  clawbackDemanded,
  clawbackRepaid,
  NEEQ_2024,
  NEEQ_REWARD_FEN,
  paid,
  submitted,
} from './ledger-story.js';

const listing = { applicationId: 'neeq-1', lineCode: 'neeq-listing-reward', fiscalYear: 2024 };
/** Finance allocates ¥1,000,000 to the NEEQ listing reward for 2024, from municipal finance. */
const ONE_MILLION_FEN = 100_000_000;

const line = (p: ReturnType<typeof project>) =>
  p.readStore.get<Record<string, number | string>>(
    `SELECT allocated_fen, committed_fen, disbursed_fen, recovered_fen, available_fen FROM budget_use WHERE budget_line_id = ?`,
    [NEEQ_2024],
  );

describe('a budget line Finance has allocated', () => {
  it('is all available, per line, year and payer', () => {
    const p = project(budgetUse, allocated('neeq-listing-reward', 2024, ONE_MILLION_FEN));
    expect(p.rows('budget_use')).toEqual([
      expect.objectContaining({
        budget_line_id: 'neeq-listing-reward.2024.municipal',
        line_code: 'neeq-listing-reward',
        fiscal_year: 2024,
        payer: 'municipal',
        allocated_fen: ONE_MILLION_FEN,
        committed_fen: 0,
        disbursed_fen: 0,
        recovered_fen: 0,
        available_fen: ONE_MILLION_FEN,
      }),
    ]);
  });

  it('commits the ¥500,000 reward when an approval reserves it, even before the approval completes', () => {
    const p = project(
      budgetUse,
      allocated('neeq-listing-reward', 2024, ONE_MILLION_FEN),
      submitted(listing, NEEQ_REWARD_FEN),
      ...approvalStarted(listing, 'approval-1', NEEQ_REWARD_FEN),
    );
    expect(line(p)).toEqual({
      allocated_fen: 100_000_000,
      committed_fen: 50_000_000,
      disbursed_fen: 0,
      recovered_fen: 0,
      available_fen: 50_000_000,
    });
  });

  it('moves money from committed to disbursed as tranches are paid (¥300,000 then ¥200,000)', () => {
    const p = project(
      budgetUse,
      allocated('neeq-listing-reward', 2024, ONE_MILLION_FEN),
      ...approved(listing, 'approval-1', NEEQ_REWARD_FEN),
      paid(listing, 'pay-1', 30_000_000, '2024-05-01'),
    );
    expect(line(p)).toMatchObject({ committed_fen: 20_000_000, disbursed_fen: 30_000_000, available_fen: 50_000_000 });
    p.apply(paid(listing, 'pay-2', 20_000_000, '2024-06-01'));
    expect(line(p)).toMatchObject({ committed_fen: 0, disbursed_fen: 50_000_000, available_fen: 50_000_000 });
  });

  it('gets back what an abandoned approval had reserved', () => {
    const p = project(
      budgetUse,
      allocated('neeq-listing-reward', 2024, ONE_MILLION_FEN),
      ...abandoned(listing, 'approval-1', NEEQ_REWARD_FEN),
    );
    expect(line(p)).toMatchObject({ committed_fen: 0, available_fen: ONE_MILLION_FEN });
  });

  it('grows with a top-up (追加预算) and shrinks with a cut', () => {
    const p = project(
      budgetUse,
      allocated('neeq-listing-reward', 2024, ONE_MILLION_FEN),
      event('BudgetAdjusted', { budgetLineId: NEEQ_2024, deltaFen: 50_000_000, reason: '追加预算', adjustedAt: '2024-07-01T09:00:00.000Z' }),
      event('BudgetAdjusted', { budgetLineId: NEEQ_2024, deltaFen: -20_000_000, reason: '调减', adjustedAt: '2024-08-01T09:00:00.000Z' }),
    );
    expect(line(p)).toMatchObject({ allocated_fen: 130_000_000, available_fen: 130_000_000 });
  });

  it('counts clawback repayments as recovered, without making them available again', () => {
    const p = project(
      budgetUse,
      allocated('neeq-listing-reward', 2024, ONE_MILLION_FEN),
      ...approved(listing, 'approval-1', NEEQ_REWARD_FEN),
      paid(listing, 'pay-1', NEEQ_REWARD_FEN, '2024-05-01'),
      clawbackDemanded(listing, 'claw-1', 20_000_000),
      clawbackRepaid(listing, 'claw-1', 15_000_000),
    );
    expect(line(p)).toEqual({
      allocated_fen: 100_000_000,
      committed_fen: 0,
      disbursed_fen: 50_000_000,
      recovered_fen: 15_000_000,
      available_fen: 50_000_000,
    });
  });
});

describe('a budget line Finance never allocated', () => {
  it('stops the projection at the commitment that names it, reporting the event, its checkpoint just before', () => {
    const p = project(budgetUse);
    const [start, commitment] = p.apply(...approvalStarted(listing, 'approval-1', NEEQ_REWARD_FEN));
    expect(p.member.position).toBe(start!.position);
    expect(p.member.failure).toEqual({
      position: commitment!.position,
      eventId: commitment!.id,
      eventType: 'BudgetCommitted',
      error: 'MissingRowError: budgetUse neeq-listing-reward.2024.municipal is not in the read model',
    });
    expect(p.rows('budget_use')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { BudgetEvent } from '../../src/budget/budget.js';
import { type BudgetCommand, budgetDecider } from '../../src/budget/decide.js';
import type { BenefitLineState } from '../../src/catalog/catalog.js';
import { fold } from '../../src/shared/decider.js';
import { DomainError } from '../../src/shared/errors.js';
import { builtInLine, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(budgetDecider);
const id = 'neeq-listing-reward.2016.municipal';
const neeq: BenefitLineState = { status: 'defined', line: builtInLine('neeq-listing-reward') };
const countyMatch: BenefitLineState = { status: 'defined', line: builtInLine('scale-up-county-match') };

const allocated = (amountFen: number): BudgetEvent => ({
  type: 'BudgetAllocated',
  data: { budgetLineId: id, lineCode: 'neeq-listing-reward', fiscalYear: 2016, payer: 'municipal', amountFen, allocatedAt: NOW },
});
const committed = (approvalId: string, amountFen: number): BudgetEvent => ({
  type: 'BudgetCommitted',
  data: { budgetLineId: id, applicationId: `app-${approvalId}`, approvalId, amountFen, committedAt: NOW },
});
const released = (approvalId: string, amountFen: number): BudgetEvent => ({
  type: 'BudgetReleased',
  data: { budgetLineId: id, applicationId: `app-${approvalId}`, approvalId, amountFen, releasedAt: NOW },
});
const commit = (approvalId: string, amountFen: number) => ({
  type: 'CommitBudget' as const,
  data: { budgetLineId: id, applicationId: `app-${approvalId}`, approvalId, amountFen, now: NOW },
});
const allocate = (payer: string, line: BenefitLineState = neeq, lineCode = 'neeq-listing-reward') => ({
  type: 'AllocateBudget' as const,
  data: { lineCode, fiscalYear: 2016, payer, amountFen: yuan(1_000_000), line, now: NOW },
});

describe('a budget line not yet allocated', () => {
  it('is allocated by Finance per line, fiscal year and payer', () => {
    spec.given([]).when(allocate('municipal')).then([allocated(yuan(1_000_000))]);
  });

  it('of a county match is allocated by a county of Xuchang', () => {
    spec
      .given([])
      .when(allocate('county-yuzhou', countyMatch, 'scale-up-county-match'))
      .then([
        {
          type: 'BudgetAllocated',
          data: {
            budgetLineId: 'scale-up-county-match.2016.county-yuzhou',
            lineCode: 'scale-up-county-match',
            fiscalYear: 2016,
            payer: 'county-yuzhou',
            amountFen: yuan(1_000_000),
            allocatedAt: NOW,
          },
        },
      ]);
  });

  it('is refused for a payer that does not pay the line', () => {
    spec.given([]).when(allocate('county-yuzhou')).thenFails('INVALID_INPUT', /paid by municipal/);
    spec.given([]).when(allocate('municipal', countyMatch, 'scale-up-county-match')).thenFails('INVALID_INPUT');
  });

  it('is refused for a line not in the catalog', () => {
    spec.given([]).when(allocate('municipal', { status: 'not-defined' })).thenFails('NOT_FOUND');
  });

  it('commits nothing: there is no money', () => {
    spec.given([]).when(commit('a1', yuan(500_000))).thenFails('BUDGET_EXCEEDED', /no budget is allocated/);
  });
});

describe('a budget line of ¥1,000,000 with ¥500,000 committed', () => {
  const given = [allocated(yuan(1_000_000)), committed('a1', yuan(500_000))];

  it('commits ¥500,000 more: exactly what is available', () => {
    spec.given(given).when(commit('a2', yuan(500_000))).then([committed('a2', yuan(500_000))]);
  });

  it('refuses ¥500,000.01: a line never goes below zero', () => {
    spec.given(given).when(commit('a2', yuan(500_000) + 1)).thenFails('BUDGET_EXCEEDED', /available ¥500000.00/);
  });

  it('writes nothing when the same approval commits again', () => {
    spec.given(given).when(commit('a1', yuan(500_000))).then([]);
  });

  it('is adjusted up or down, never below what is committed', () => {
    const adjust = (deltaFen: number) => ({
      type: 'AdjustBudget' as const,
      data: { budgetLineId: id, deltaFen, reason: '年中调整', now: NOW },
    });
    spec
      .given(given)
      .when(adjust(-yuan(500_000)))
      .then([{ type: 'BudgetAdjusted', data: { budgetLineId: id, deltaFen: -yuan(500_000), reason: '年中调整', adjustedAt: NOW } }]);
    spec.given(given).when(adjust(-yuan(500_000) - 1)).thenFails('BUDGET_EXCEEDED');
    spec.given(given).when(adjust(0)).thenFails('AMOUNT_INVALID');
  });

  it('releases an abandoned approval\'s commitment once', () => {
    spec.given(given).when({ type: 'ReleaseBudget', data: { approvalId: 'a1', now: NOW } }).then([released('a1', yuan(500_000))]);
    spec.given([...given, released('a1', yuan(500_000))]).when({ type: 'ReleaseBudget', data: { approvalId: 'a1', now: NOW } }).then([]);
    spec.given(given).when({ type: 'ReleaseBudget', data: { approvalId: 'a9', now: NOW } }).then([]);
  });

  it('frees released money for another approval, but never re-commits the abandoned one', () => {
    const afterRelease = [...given, released('a1', yuan(500_000))];
    spec.given(afterRelease).when(commit('a2', yuan(1_000_000))).then([committed('a2', yuan(1_000_000))]);
    spec.given(afterRelease).when(commit('a1', yuan(500_000))).thenFails('INVALID_TRANSITION', /abandoned/);
  });

  it('cannot be allocated twice', () => {
    spec.given(given).when(allocate('municipal')).thenFails('ALREADY_EXISTS');
  });
});

describe('a NEEQ budget line of ¥800,000 holding one ¥500,000 listing reward (paid or not: the line cannot tell)', () => {
  const given = [allocated(yuan(800_000)), committed('a1', yuan(500_000))];
  /** The refusal, with the figures a command handler may word it with. */
  const refusal = (command: BudgetCommand) => {
    try {
      budgetDecider.decide(command, fold(budgetDecider, given));
    } catch (error) {
      return error;
    }
    throw new Error('not refused');
  };
  const figures = { budgetLineId: id, allocatedFen: yuan(800_000), availableFen: yuan(300_000) };

  it('refuses a second ¥500,000 reward quoting what is allocated and available, never a "committed" that hides payments', () => {
    const error = refusal(commit('a2', yuan(500_000)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      message: `¥500000.00 exceeds what is left on budget line ${id} (allocated ¥800000.00, available ¥300000.00)`,
      details: { ...figures, requestedFen: yuan(500_000) },
    });
  });

  it('refuses a cut of ¥300,000.01, quoting the same figures and the cut asked', () => {
    const error = refusal({ type: 'AdjustBudget', data: { budgetLineId: id, deltaFen: -yuan(300_000) - 1, reason: '年中调整', now: NOW } });
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      message: `cutting ¥300000.01 would leave budget line ${id} (allocated ¥800000.00, available ¥300000.00) below what approvals hold`,
      details: { ...figures, requestedFen: yuan(300_000) + 1 },
    });
  });
});

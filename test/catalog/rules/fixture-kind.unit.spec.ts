/**
 * A new rule kind is one module: given the yearly-allowance module of fixture-kind.ts, the same
 * functions the built-in kinds go through (withKind, as the dispatcher calls it) validate it,
 * check its evidence, award with it, derive its yearly limit and describe it.
 */
import { describe, expect, it } from 'vitest';
import { withKind } from '../../../src/catalog/rules/rule.js';
import { yuan } from '../../support/domain-fixtures.js';
import { expectDomainError } from '../../support/domain-spec.js';
import { yearlyAllowanceRule } from './fixture-kind.js';

const allowance = (allowanceFen: number) => withKind(yearlyAllowanceRule, { kind: 'yearly-allowance', allowanceFen });
const rule = allowance(yuan(100_000));
const basis = (requestedFen: number, reservedInYearFen = 0, approverFen?: number) => ({
  requestedFen,
  evidence: { note: '许工信〔2016〕12号' },
  reservedInYearFen,
  approverFen,
});

describe('a yearly allowance of ¥100,000 (a kind defined in a test)', () => {
  it('is valid, and one of ¥0 is refused when the line is defined', () => {
    expect(() => rule.assertValid()).not.toThrow();
    expectDomainError(() => allowance(0).assertValid(), 'AMOUNT_INVALID', /a yearly allowance/);
  });

  it('needs its note as evidence', () => {
    expect(() => rule.assertEvidence(yuan(30_000), { note: '许工信〔2016〕12号' })).not.toThrow();
    expectDomainError(() => rule.assertEvidence(yuan(30_000), { note: ' ' }), 'INVALID_INPUT', /supporting document/);
  });

  it('awards what is asked while the allowance lasts', () => {
    expect(rule.awardFen(basis(yuan(30_000)))).toBe(yuan(30_000));
  });

  it('awards only what remains of the year once ¥80,000 is held, and refuses the approver more', () => {
    expect(rule.awardFen(basis(yuan(30_000), yuan(80_000)))).toBe(yuan(20_000));
    expectDomainError(
      () => rule.awardFen(basis(yuan(30_000), yuan(80_000), yuan(25_000))),
      'AMOUNT_INVALID',
      /what remains of the yearly allowance of ¥100000.00 allows: at most ¥20000.00/,
    );
  });

  it('awards nothing once the year has used it up', () => {
    expectDomainError(() => rule.awardFen(basis(yuan(30_000), yuan(100_000))), 'AMOUNT_INVALID', /the approved amount/);
  });

  it('caps the year, so the line is paid per fiscal year whatever its frequency', () => {
    expect(rule.yearlyLimit('unlimited')).toEqual({ yearlyCapFen: yuan(100_000), paidYearly: true });
  });

  it('is described with its cap, and as having no other parameter', () => {
    expect(rule.describe()).toEqual({ kind: 'yearly-allowance', amountFen: null, rateBasisPoints: null, yearlyCapFen: yuan(100_000), costKinds: [] });
  });
});

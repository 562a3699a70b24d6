import { describe, expect, it } from 'vitest';
import { assertCreditCode, checkCharacter, creditCodeProblem } from '../../src/enterprise/credit-code.js';
import { expectDomainError } from '../support/domain-spec.js';

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it('accepts real codes in the published format', () => {
    expect(creditCodeProblem('914403001922038216')).toBeUndefined();
    expect(creditCodeProblem('91110000802100433B')).toBeUndefined();
  });

  it('computes the check character with weights 3^(i-1) mod 31', () => {
    // Σ = 9·1 + 1·3 + 4·9 + 4·27 + 3·26 + 1·20 + 9·29 + 2·25 + 2·13 + 3·24 + 8·10 + 2·30 + 1·28 = 831;
    // 831 mod 31 = 25; 31 − 25 = 6 → "6"
    expect(checkCharacter('91440300192203821')).toBe('6');
    // a sum ≡ 0 gives check 0, not 31
    expect(checkCharacter('00000000000000000')).toBe('0');
  });

  it('names a wrong length', () => {
    expect(creditCodeProblem('91440300192203821')).toMatch(/18 characters.*has 17/);
    expect(creditCodeProblem('9144030019220382160')).toMatch(/has 19/);
  });

  it('names a character outside the alphabet and its position', () => {
    expect(creditCodeProblem('91440300I92203821X')).toMatch(/"I" at position 9/);
    expect(creditCodeProblem('914403001922038O16')).toMatch(/"O" at position 16/);
    expect(creditCodeProblem('9144030019220382s6')).toMatch(/"s" at position 17/);
  });

  it('names an administrative division code that is not six digits', () => {
    const first17 = '9141A0817MA3XK1Q2';
    expect(creditCodeProblem(first17 + checkCharacter(first17))).toMatch(/positions 3 to 8 .* "41A081"/);
  });

  it('names the expected and the given check character', () => {
    expect(creditCodeProblem('914403001922038217')).toBe(
      'check character expected 6, got 7: the code is mistyped or not a real code',
    );
  });

  it('refuses an invalid code with INVALID_CREDIT_CODE', () => {
    expectDomainError(() => assertCreditCode('91440300192203821'), 'INVALID_CREDIT_CODE', /invalid credit code/);
  });
});

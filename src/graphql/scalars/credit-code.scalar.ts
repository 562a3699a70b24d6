/** CreditCode: a Unified Social Credit Code (统一社会信用代码, GB 32100-2015), check character verified. */
import { assertCreditCode } from '../../enterprise/credit-code.js';
import { stringScalar } from './string-scalar.js';

export const CreditCodeScalar = stringScalar(
  'CreditCode',
  'A Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and A-Y without I, O, S, V, Z; the last is a check character, verified.',
  assertCreditCode,
);

import { describe, it } from 'vitest';
import { enterpriseDecider } from '../../src/enterprise/decide.js';
import type { EnterpriseEvent } from '../../src/enterprise/enterprise.js';
import { creditCode, NOW } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(enterpriseDecider);
const code = creditCode(1);
const firm = { creditCode: code, name: '禹州市钧瓷文化有限公司', county: 'yuzhou', kind: 'enterprise' as const };
const registered: EnterpriseEvent = { type: 'EnterpriseRegistered', data: { ...firm, registeredAt: NOW } };

describe('an unregistered enterprise', () => {
  it('is registered by its credit code, name, county and kind', () => {
    spec.given([]).when({ type: 'RegisterEnterprise', data: { ...firm, now: NOW } }).then([registered]);
  });

  it('is refused with an invalid credit code, naming the problem', () => {
    spec
      .given([])
      .when({ type: 'RegisterEnterprise', data: { ...firm, creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0'), now: NOW } })
      .thenFails('INVALID_CREDIT_CODE', /check character expected/);
  });

  it('is refused outside the counties of Xuchang', () => {
    spec
      .given([])
      .when({ type: 'RegisterEnterprise', data: { ...firm, county: 'zhengzhou', now: NOW } })
      .thenFails('INVALID_INPUT', /not a county of Xuchang.*yuzhou \(禹州市\)/);
  });

  it('is refused without a name', () => {
    spec.given([]).when({ type: 'RegisterEnterprise', data: { ...firm, name: '  ', now: NOW } }).thenFails('INVALID_INPUT');
  });
});

describe('a registered enterprise', () => {
  it('cannot be registered twice', () => {
    spec.given([registered]).when({ type: 'RegisterEnterprise', data: { ...firm, now: NOW } }).thenFails('ALREADY_EXISTS');
  });
});

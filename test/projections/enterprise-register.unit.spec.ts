import { describe, expect, it } from 'vitest';
import { enterpriseRegister } from '../../projections/enterprise-register/enterprise-register.js';
import { project } from './project.js';
import { BASE, FIRM, registered } from './ledger-story.js';

describe('the enterprise register', () => {
  it('holds each registered beneficiary by credit code, with its county, kind and registrar', () => {
    const p = project(enterpriseRegister, registered(FIRM), registered(BASE, 'startup-base'));
    expect(p.rows('enterprises', 'credit_code')).toEqual([
      {
        credit_code: BASE.creditCode,
        name: BASE.name,
        county: 'weidu',
        kind: 'startup-base',
        registered_at: '2024-01-05T09:00:00.000Z',
        registered_by: 'officer-1',
      },
      expect.objectContaining({ credit_code: FIRM.creditCode, county: 'yuzhou', kind: 'enterprise' }),
    ]);
  });

  it('refuses a second registration of the same code rather than overwrite the first', () => {
    const p = project(enterpriseRegister, registered(FIRM));
    p.apply(registered({ ...FIRM, name: '另一家公司' }));
    expect(p.member.failure).toMatchObject({ eventType: 'EnterpriseRegistered' });
    expect(p.rows('enterprises')).toEqual([expect.objectContaining({ name: FIRM.name })]);
  });
});

import { describe, expect, it } from 'vitest';
import type { PolicyState } from '../../src/catalog/catalog.js';
import { XUCHANG_2016_8_DESIGNATION_KINDS } from '../../src/catalog/xuchang-2016-8-measures.js';
import { XUCHANG_2016_8_POLICY } from '../../src/catalog/xuchang-2016-8.js';
import { type DesignationInput, designationKindDecider, designationsDecider } from '../../src/designation/decide.js';
import type { DesignationEvent, DesignationKindDefinition } from '../../src/designation/designation.js';
import type { EnterpriseKind, EnterpriseState } from '../../src/enterprise/enterprise.js';
import { creditCode, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const kinds = deciderSpec(designationKindDecider);
const designations = deciderSpec(designationsDecider);
const published: PolicyState = { status: 'published', policy: XUCHANG_2016_8_POLICY };
const kindOf = (code: string) => XUCHANG_2016_8_DESIGNATION_KINDS.find((k) => k.kindCode === code)!;
const firm = creditCode(11);
const enterprise = (kind: EnterpriseKind): EnterpriseState => ({ status: 'registered', creditCode: firm, name: '许昌市创新创业园', county: 'weidu', kind });

const record = (kind: DesignationKindDefinition, input: Partial<DesignationInput> = {}, firmKind: EnterpriseKind = kind.eligibleKinds[0]!) => ({
  type: 'RecordDesignation' as const,
  data: {
    creditCode: firm,
    kindCode: kind.kindCode,
    documentNumber: '豫工信企业〔2016〕88号',
    designatedBy: '河南省工业和信息化委员会',
    designatedOn: '2016-05-20',
    ...input,
    designationId: 'd-1',
    recordedBy: 'admin-sun',
    enterprise: enterprise(firmKind),
    kind: { status: 'defined' as const, kind },
    now: NOW,
  },
});
const recorded = (kind: DesignationKindDefinition, extra: Record<string, unknown> = {}): DesignationEvent => ({
  type: 'DesignationRecorded',
  data: {
    creditCode: firm,
    kindCode: kind.kindCode,
    documentNumber: '豫工信企业〔2016〕88号',
    designatedBy: '河南省工业和信息化委员会',
    designatedOn: '2016-05-20',
    designationId: 'd-1',
    level: kind.level,
    recordedBy: 'admin-sun',
    recordedAt: NOW,
    ...extra,
  },
});

describe('a designation kind not yet defined', () => {
  it.each(XUCHANG_2016_8_DESIGNATION_KINDS.map((k) => [k.titleZh, k] as const))('is defined from the catalog: %s', (_, kind) => {
    kinds.given([]).when({ type: 'DefineDesignationKind', data: { definition: kind, policy: published, now: NOW } }).then([
      { type: 'DesignationKindDefined', data: { ...kind, definedAt: NOW } },
    ]);
  });

  it('is refused under an article the policy does not have', () => {
    const kind = { ...kindOf('provincial-startup-base'), article: '(十)' };
    kinds.given([]).when({ type: 'DefineDesignationKind', data: { definition: kind, policy: published, now: NOW } }).thenFails('INVALID_INPUT', /no article \(十\)/);
  });

  it('is refused when the policy is not published', () => {
    const kind = kindOf('provincial-startup-base');
    kinds.given([]).when({ type: 'DefineDesignationKind', data: { definition: kind, policy: { status: 'unpublished' }, now: NOW } }).thenFails('NOT_FOUND');
  });
});

describe('a beneficiary with no designation', () => {
  const beneficiaryKinds = XUCHANG_2016_8_DESIGNATION_KINDS.filter((k) => k.subject === 'beneficiary' && k.minimumAnnualRevenueFen === undefined);

  it.each(beneficiaryKinds.map((k) => [k.titleZh, k] as const))('is designated %s with its document, date and level', (_, kind) => {
    designations.given([]).when(record(kind)).then([recorded(kind)]);
  });

  it('is designated a "little giant" (科技"小巨人") with an annual revenue over ¥100M', () => {
    const kind = kindOf('little-giant');
    designations.given([]).when(record(kind, { annualRevenueFen: yuan(120_000_000) })).then([recorded(kind, { annualRevenueFen: yuan(120_000_000) })]);
    expect(kind.level).toBe('municipal');
  });

  it('is refused "little giant" with ¥100M exactly: the policy says over (超亿元)', () => {
    designations.given([]).when(record(kindOf('little-giant'), { annualRevenueFen: yuan(100_000_000) })).thenFails('NOT_ELIGIBLE', /over ¥100000000.00/);
  });

  it('is refused "little giant" without its revenue', () => {
    designations.given([]).when(record(kindOf('little-giant'))).thenFails('INVALID_INPUT', /年营业收入/);
  });

  it('has a product designated "specialised and sophisticated" (专精特新产品), naming the product', () => {
    const kind = kindOf('specialised-sophisticated-product');
    designations.given([]).when(record(kind, { product: '钧瓷茶具' })).then([recorded(kind, { product: '钧瓷茶具' })]);
  });

  it('cannot have a product designation without the product', () => {
    designations.given([]).when(record(kindOf('specialised-sophisticated-product'))).thenFails('INVALID_INPUT', /names the product/);
  });

  it('is designated until the end of its validity, when the kind has one', () => {
    const kind = { ...kindOf('provincial-startup-base'), validityYears: 3 };
    designations.given([]).when(record(kind)).then([recorded(kind, { validUntil: '2019-05-20' })]);
  });

  it('is refused a kind given to other kinds of beneficiary: a firm is not a startup base', () => {
    designations.given([]).when(record(kindOf('provincial-startup-base'), {}, 'enterprise')).thenFails('NOT_ELIGIBLE', /startup-base/);
  });

  it('is refused a kind not defined', () => {
    const command = record(kindOf('provincial-startup-base'));
    designations.given([]).when({ ...command, data: { ...command.data, kind: { status: 'not-defined' } } }).thenFails('NOT_FOUND');
  });

  it('is refused when not registered', () => {
    const command = record(kindOf('provincial-startup-base'));
    designations.given([]).when({ ...command, data: { ...command.data, enterprise: { status: 'unregistered' } } }).thenFails('NOT_FOUND');
  });

  it('is refused without a document number or with a date that is not one', () => {
    const kind = kindOf('provincial-startup-base');
    designations.given([]).when(record(kind, { documentNumber: ' ' })).thenFails('INVALID_INPUT', /文号/);
    designations.given([]).when(record(kind, { designatedOn: '2016-02-30' })).thenFails('INVALID_INPUT', /not a date/);
  });
});

describe('a beneficiary already designated', () => {
  it('cannot be designated twice under the same document', () => {
    const kind = kindOf('provincial-startup-base');
    designations.given([recorded(kind)]).when(record(kind)).thenFails('ALREADY_EXISTS');
  });

  it('holds another designation under another document', () => {
    const base = kindOf('provincial-startup-base');
    const platform = kindOf('provincial-sme-service-platform');
    designations.given([recorded(base)]).when(record(platform, { documentNumber: '豫工信〔2016〕120号' }, 'startup-base')).then([
      recorded(platform, { documentNumber: '豫工信〔2016〕120号' }),
    ]);
  });
});

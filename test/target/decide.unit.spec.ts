import { describe, it } from 'vitest';
import type { PolicyState } from '../../src/catalog/catalog.js';
import { XUCHANG_2016_8_DESIGNATION_KINDS, xuchang2016_8TargetsOf } from '../../src/catalog/xuchang-2016-8-measures.js';
import { XUCHANG_2016_8_POLICY } from '../../src/catalog/xuchang-2016-8.js';
import type { DesignationKindState } from '../../src/designation/designation.js';
import { type ActivityInput, targetDecider } from '../../src/target/decide.js';
import type { TargetDefinition, TargetEvent } from '../../src/target/target.js';
import { creditCode, NOW } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(targetDecider);
const published: PolicyState = { status: 'published', policy: XUCHANG_2016_8_POLICY };
const TARGETS = xuchang2016_8TargetsOf(2016);
const target = (code: string) => TARGETS.find((t) => t.targetCode === code)!;
const kindState = (t: TargetDefinition): DesignationKindState | undefined => {
  if (t.measure.kind !== 'designations') return undefined;
  const { designationKind } = t.measure;
  return { status: 'defined', kind: XUCHANG_2016_8_DESIGNATION_KINDS.find((k) => k.kindCode === designationKind)! };
};
const set = (t: TargetDefinition): TargetEvent => ({ type: 'TargetSet', data: { ...t, setAt: NOW } });
const setCommand = (t: TargetDefinition, designationKind = kindState(t)) => ({
  type: 'SetTarget' as const,
  data: { definition: t, policy: published, designationKind, now: NOW },
});

const activity = (t: TargetDefinition, input: Partial<ActivityInput> = {}, activityId = 'a-1') => ({
  targetCode: t.targetCode,
  year: 2016,
  title: '2016年许昌市小微企业产销对接会',
  heldOn: '2016-04-12',
  place: '许昌市会展中心',
  firmsTakingPart: 60,
  unit: t.leadUnit,
  ...input,
  activityId,
  recordedBy: 'unit-gxw',
});
const record = (t: TargetDefinition, input?: Partial<ActivityInput>) => ({ type: 'RecordActivity' as const, data: { ...activity(t, input), now: NOW } });
const recorded = (t: TargetDefinition, input?: Partial<ActivityInput>, activityId?: string): TargetEvent => ({
  type: 'ActivityRecorded',
  data: { ...activity(t, input, activityId), recordedAt: NOW },
});

describe('a target not yet set', () => {
  it.each(TARGETS.map((t) => [t.titleZh, t] as const))('is set for the year with its lead unit: %s', (_, t) => {
    spec.given([]).when(setCommand(t)).then([set(t)]);
  });

  it('is refused counting designations of a kind not defined', () => {
    spec.given([]).when(setCommand(target('provincial-incubators'), { status: 'not-defined' })).thenFails('NOT_FOUND', /provincial-tech-incubator/);
  });

  it('is refused with a discount floor over 100%', () => {
    spec.given([]).when(setCommand({ ...target('startup-base-rent-discounts'), quantity: 10_001 })).thenFails('INVALID_INPUT', /basis points/);
  });

  it('is refused with no quantity', () => {
    spec.given([]).when(setCommand({ ...target('recruitment-fairs'), quantity: 0 })).thenFails('INVALID_INPUT', /at least 1/);
  });

  it('takes no activity', () => {
    spec.given([]).when(record(target('recruitment-fairs'))).thenFails('NOT_FOUND');
  });
});

describe('a target counted in activities: at least 12 matchmaking events (产销对接活动12次以上)', () => {
  const matchmaking = target('production-sales-matchmaking');

  it('records an event held by the lead unit', () => {
    spec.given([set(matchmaking)]).when(record(matchmaking)).then([recorded(matchmaking)]);
  });

  it('records an event held by a cooperating unit', () => {
    spec.given([set(matchmaking)]).when(record(matchmaking, { unit: '市科技局' })).then([recorded(matchmaking, { unit: '市科技局' })]);
  });

  it('refuses a unit that is neither lead nor cooperating', () => {
    spec.given([set(matchmaking)]).when(record(matchmaking, { unit: '市人社局' })).thenFails('NOT_ELIGIBLE', /neither the lead nor a cooperating unit/);
  });

  it('refuses an event of another year', () => {
    spec.given([set(matchmaking)]).when(record(matchmaking, { heldOn: '2017-01-05' })).thenFails('INVALID_INPUT', /target of 2016/);
  });

  it('refuses the same activity twice', () => {
    spec.given([set(matchmaking), recorded(matchmaking)]).when(record(matchmaking)).thenFails('ALREADY_EXISTS');
  });
});

describe('a target counted in activities: at least 80 recruitment fairs (招聘会80场次以上)', () => {
  const fairs = target('recruitment-fairs');

  it('records a fair of the human resources bureau, a cooperating unit of article (六)', () => {
    const fair = { title: '2016年春季小微企业专场招聘会', unit: '市人社局' };
    spec.given([set(fairs)]).when(record(fairs, fair)).then([recorded(fairs, fair)]);
  });
});

describe('a target counted in firms reached: 500 firms into e-commerce (电子商务营销网络500家以上)', () => {
  const eCommerce = target('e-commerce-firms');

  it('records a training that reached 120 firms', () => {
    const training = { title: '"互联网+小微企业"电商培训', firmsTakingPart: 120, unit: '市商务局' };
    spec.given([set(eCommerce)]).when(record(eCommerce, training)).then([recorded(eCommerce, training)]);
  });

  it('refuses an activity that reached no firm', () => {
    spec.given([set(eCommerce)]).when(record(eCommerce, { firmsTakingPart: 0 })).thenFails('INVALID_INPUT', /at least one/);
  });
});

describe('a target counted in designations: one provincial incubator, one makerspace, three platforms', () => {
  it.each(['provincial-incubators', 'provincial-makerspaces', 'provincial-demonstration-platforms'])('%s takes no activity: the designation is recorded instead', (code) => {
    const t = target(code);
    spec.given([set(t)]).when(record(t)).thenFails('INVALID_INPUT', /record the designation instead/);
  });
});

describe('a target on the lowest rent discount: at least 5% (租金5%以上的优惠)', () => {
  const rent = target('startup-base-rent-discounts');
  const discount = (basisPoints: number) => ({ rentDiscount: { baseCreditCode: creditCode(31), firmCreditCode: creditCode(32), basisPoints } });

  it.each([
    ['10%, above the floor', 1_000],
    ['3%, below it: recorded, for the supervising office to see', 300],
  ])('records a base\'s discount to a firm it houses: %s', (_, basisPoints) => {
    spec.given([set(rent)]).when(record(rent, discount(basisPoints))).then([recorded(rent, discount(basisPoints))]);
  });

  it('refuses an activity without the base, the firm and the discount', () => {
    spec.given([set(rent)]).when(record(rent)).thenFails('INVALID_INPUT', /base, the firm and the discount/);
  });

  it('refuses a discount on another target', () => {
    const fairs = target('recruitment-fairs');
    spec.given([set(fairs)]).when(record(fairs, discount(500))).thenFails('INVALID_INPUT', /not a rent discount target/);
  });

  it('refuses a base discounting itself', () => {
    const self = { rentDiscount: { baseCreditCode: creditCode(31), firmCreditCode: creditCode(31), basisPoints: 500 } };
    spec.given([set(rent)]).when(record(rent, self)).thenFails('INVALID_INPUT', /another firm/);
  });
});

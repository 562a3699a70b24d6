/**
 * The domain's vocabularies as GraphQL enums: UPPER_CASE names on the wire, the domain's own
 * strings inside. `sameValues` fails the type check if the domain adds or drops a value.
 */
import { registerEnumType } from 'type-graphql';
import type { ApplicationStatus } from '../../application/application.js';
import type { AwardFrequency, BenefitRule, PayerRule } from '../../catalog/catalog.js';
import type { CountyKind } from '../../catalog/counties.js';
import type { EnterpriseKind } from '../../enterprise/enterprise.js';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameValues = <Enum extends string, Domain extends string>(check: Exactly<Enum, Domain>) => check;

export enum EnterpriseKindValue {
  ENTERPRISE = 'enterprise',
  STARTUP_BASE = 'startup-base',
  GUARANTEE_INSTITUTION = 'guarantee-institution',
}
sameValues<`${EnterpriseKindValue}`, EnterpriseKind>(true);
registerEnumType(EnterpriseKindValue, {
  name: 'EnterpriseKind',
  description: 'What kind of beneficiary a registered firm is.',
  valuesConfig: {
    ENTERPRISE: { description: 'A small or micro enterprise (小微企业).' },
    STARTUP_BASE: { description: 'A startup base (创业基地) for small and micro enterprises.' },
    GUARANTEE_INSTITUTION: { description: 'A financing guarantee institution (融资性担保机构).' },
  },
});

export enum ApplicationStatusValue {
  SUBMITTED = 'submitted',
  REVIEWED = 'reviewed',
  APPROVING = 'approving',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  WITHDRAWN = 'withdrawn',
}
sameValues<`${ApplicationStatusValue}` | 'none', ApplicationStatus>(true);
registerEnumType(ApplicationStatusValue, {
  name: 'ApplicationStatus',
  description: 'Where an application (申请) is in its life.',
  valuesConfig: {
    SUBMITTED: { description: 'Submitted by the applicant, not yet reviewed.' },
    REVIEWED: { description: 'Reviewed by a case officer, awaiting a decision.' },
    APPROVING: { description: 'An approval is reserving the budget, entitlement and qualifying fact.' },
    APPROVED: { description: 'Approved: money is committed and may be disbursed.' },
    REJECTED: { description: 'Rejected, with a reason.' },
    WITHDRAWN: { description: 'Withdrawn by the applicant.' },
  },
});

export enum ApprovalStatusValue {
  PENDING = 'pending',
  APPROVED = 'approved',
  ABANDONED = 'abandoned',
}
registerEnumType(ApprovalStatusValue, {
  name: 'ApprovalStatus',
  description: 'How an approval attempt (审批) ended.',
  valuesConfig: {
    PENDING: { description: 'Still reserving what it needs.' },
    APPROVED: { description: 'Completed: the application is approved.' },
    ABANDONED: { description: 'Could not reserve what it needed; everything it held was released.' },
  },
});

export enum RuleKindValue {
  FIXED = 'fixed',
  COST_SHARE = 'cost-share',
  AVERAGE_BALANCE_RATE = 'average-balance-rate',
  PER_CASE = 'per-case',
}
sameValues<`${RuleKindValue}`, BenefitRule['kind']>(true);
registerEnumType(RuleKindValue, {
  name: 'RuleKind',
  description: 'How a benefit line computes what it pays.',
  valuesConfig: {
    FIXED: { description: 'An exact one-time amount (一次性奖励): approved at exactly that, or refused.' },
    COST_SHARE: { description: 'A rate of the costs actually incurred (实际发生额), capped per beneficiary per year.' },
    AVERAGE_BALANCE_RATE: { description: 'A rate of the mean of the four quarter-end balances of the year (季均余额).' },
    PER_CASE: { description: 'An amount decided per case, within budget.' },
  },
});

export enum AwardFrequencyValue {
  ONCE_PER_BENEFICIARY = 'once-per-beneficiary',
  ONCE_PER_BENEFICIARY_PER_YEAR = 'once-per-beneficiary-per-year',
  UNLIMITED = 'unlimited',
}
sameValues<`${AwardFrequencyValue}`, AwardFrequency>(true);
registerEnumType(AwardFrequencyValue, {
  name: 'AwardFrequency',
  description: 'How often one beneficiary may be awarded on a line.',
});

export enum PayerRuleValue {
  MUNICIPAL = 'municipal',
  COUNTY_OF_BENEFICIARY = 'county-of-beneficiary',
}
sameValues<`${PayerRuleValue}`, PayerRule>(true);
registerEnumType(PayerRuleValue, {
  name: 'PayerRule',
  description: 'Who pays a line (出资).',
  valuesConfig: {
    MUNICIPAL: { description: 'Municipal finance (市财政).' },
    COUNTY_OF_BENEFICIARY: { description: "The finance of the beneficiary's county or district (所在地财政)." },
  },
});

export enum CountyKindValue {
  DISTRICT = 'district',
  COUNTY_LEVEL_CITY = 'county-level-city',
  COUNTY = 'county',
  ZONE = 'zone',
}
sameValues<`${CountyKindValue}`, CountyKind>(true);
registerEnumType(CountyKindValue, {
  name: 'CountyKind',
  description: 'What kind of county-level unit (县级行政区 or 功能区) a county is.',
});

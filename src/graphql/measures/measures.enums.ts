/** The measures' vocabularies as GraphQL enums (see shared/enums.ts for the pattern). */
import { registerEnumType } from 'type-graphql';
import type { PoolExitReason } from '../../cultivation-pool/cultivation-pool.js';
import type { DesignationLevel, DesignationSubject } from '../../designation/designation.js';
import type { TargetMeasureKind } from '../../target/target.js';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameValues = <Enum extends string, Domain extends string>(check: Exactly<Enum, Domain>) => check;

export enum DesignationLevelValue {
  NATIONAL = 'national',
  PROVINCIAL = 'provincial',
  MUNICIPAL = 'municipal',
}
sameValues<`${DesignationLevelValue}`, DesignationLevel>(true);
registerEnumType(DesignationLevelValue, { name: 'DesignationLevel', description: 'Who designates: the state (国家级), the province (省级) or the city (市级).' });

export enum DesignationSubjectValue {
  BENEFICIARY = 'beneficiary',
  PRODUCT = 'product',
}
sameValues<`${DesignationSubjectValue}`, DesignationSubject>(true);
registerEnumType(DesignationSubjectValue, { name: 'DesignationSubject', description: 'What a designation is given to: the beneficiary, or one of its products (e.g. 专精特新产品).' });

export enum PoolExitReasonValue {
  ABOVE_DESIGNATED_SIZE = 'above-designated-size',
  DROPPED_OUT = 'dropped-out',
}
sameValues<`${PoolExitReasonValue}`, PoolExitReason>(true);
registerEnumType(PoolExitReasonValue, {
  name: 'PoolExitReason',
  description: 'Why a firm left the cultivation pool.',
  valuesConfig: {
    ABOVE_DESIGNATED_SIZE: { description: 'It became above-designated-size (规模以上企业): its statistics entry is the scale-up reward\'s qualifying fact.' },
    DROPPED_OUT: { description: 'It dropped out (closed, moved, fell out of the band…).' },
  },
});

export enum PoolMemberStatusValue {
  MONITORED = 'monitored',
  LEFT = 'left',
}
registerEnumType(PoolMemberStatusValue, { name: 'PoolMemberStatus', description: 'Whether a firm is in the cultivation pool or has left it.' });

export enum TargetMeasureKindValue {
  ACTIVITIES = 'activities',
  FIRMS_REACHED = 'firms-reached',
  DESIGNATIONS = 'designations',
  LOWEST_DISCOUNT = 'lowest-discount',
}
sameValues<`${TargetMeasureKindValue}`, TargetMeasureKind>(true);
registerEnumType(TargetMeasureKindValue, {
  name: 'TargetMeasureKind',
  description: 'How a target\'s figure is counted.',
  valuesConfig: {
    ACTIVITIES: { description: 'Activities held, e.g. 12 matchmaking events, 80 recruitment fairs.' },
    FIRMS_REACHED: { description: 'Firms taking part, summed over the activities, e.g. 500 firms into e-commerce.' },
    DESIGNATIONS: { description: 'Designations of a kind dated in the year, e.g. one provincial incubator.' },
    LOWEST_DISCOUNT: { description: 'The lowest rent discount recorded, in basis points (500 = 5%).' },
  },
});

/** Read-model rows of the measures as the schema's objects: money and JSON fields named as the API names them. */
import type {
  ActivityRow,
  CultivationPoolRow,
  DesignationKindRow,
  DesignationRow,
  PoolMemberRow,
} from '../../../projections/measures/measures.js';
import type { TargetProgressRow } from '../../../projections/measures/queries.js';
import type { Activity, CultivationPool, Designation, DesignationKind, PoolMember, TargetProgress } from './measures.type.js';

export const toDesignationKind = ({ eligibleKinds, minimumAnnualRevenueFen, ...row }: DesignationKindRow): DesignationKind => ({
  ...row,
  eligibleKinds: JSON.parse(eligibleKinds) as string[],
  minimumAnnualRevenue: minimumAnnualRevenueFen,
});

export const toDesignation = ({ annualRevenueFen, ...row }: DesignationRow): Designation => ({ ...row, annualRevenue: annualRevenueFen });

export const toPool = ({ minOutputFen, maxOutputFen, ...row }: CultivationPoolRow): CultivationPool => ({ ...row, minOutput: minOutputFen, maxOutput: maxOutputFen });

export const toMember = ({ entryOutputFen, lastOutputFen, ...row }: PoolMemberRow): PoolMember => ({ ...row, entryOutput: entryOutputFen, lastOutput: lastOutputFen });

export const toActivity = (row: ActivityRow): Activity => row;

export const toTarget = ({ cooperatingUnits, ...row }: TargetProgressRow): TargetProgress => ({ ...row, cooperatingUnits: JSON.parse(cooperatingUnits) as string[] });

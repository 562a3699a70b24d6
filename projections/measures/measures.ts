/**
 * Measures (政策措施落实): the policy's commitments that pay nothing, as the supervising office
 * (督办) follows them: designation kinds and each beneficiary's designations (认定), the
 * cultivation pool (重点培育小微企业库) and its firms, and each article's yearly targets with the
 * activities of their lead and cooperating units. A target's progress is read from these tables
 * (queries.ts): its activities, the firms they reached, the lowest rent discount, or the
 * designations of its kind dated in its year.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import { yearOf } from '../../src/shared/dates.js';
import type { Fen } from '../../src/shared/money.js';
import { measuresReplay } from './replay.js';

export interface DesignationKindRow {
  kindCode: string;
  policyCode: string;
  article: string;
  title: string;
  titleZh: string;
  level: string;
  subject: string;
  /** JSON: the kinds of beneficiary it is given to. */
  eligibleKinds: string;
  validityYears: number | null;
  minimumAnnualRevenueFen: Fen | null;
  treatment: string | null;
}

export interface DesignationRow {
  designationId: string;
  creditCode: string;
  kindCode: string;
  level: string;
  documentNumber: string;
  designatedBy: string;
  designatedOn: string;
  validUntil: string | null;
  product: string | null;
  annualRevenueFen: Fen | null;
  recordedBy: string;
  recordedAt: string;
}

/** How many designations of a kind are dated in a year: the figure of a `designations` target. */
export interface DesignationCountRow {
  kindCode: string;
  year: number;
  designations: number;
}

export interface CultivationPoolRow {
  poolCode: string;
  policyCode: string;
  article: string;
  titleZh: string;
  minOutputFen: Fen;
  maxOutputFen: Fen;
  leadUnit: string;
  /** Firms in the pool now. */
  monitored: number;
  /** Firms that left it as above-designated-size (上规模). */
  scaledUp: number;
  /** Firms that dropped out and have not entered again. */
  droppedOut: number;
}

export interface PoolMemberRow {
  poolCode: string;
  creditCode: string;
  status: 'monitored' | 'left';
  enteredYear: number;
  entryOutputFen: Fen;
  lastYear: number;
  lastOutputFen: Fen;
  exitReason: string | null;
  exitReference: string | null;
  exitedOn: string | null;
}

export interface TargetRow {
  targetCode: string;
  year: number;
  policyCode: string;
  article: string;
  title: string;
  titleZh: string;
  measureKind: string;
  designationKind: string | null;
  quantity: number;
  leadUnit: string;
  /** JSON: the cooperating units (配合单位). */
  cooperatingUnits: string;
  activities: number;
  firmsReached: number;
  /** The lowest rent discount recorded, in basis points; null before the first. */
  lowestDiscountBasisPoints: number | null;
}

export interface ActivityRow {
  activityId: string;
  targetCode: string;
  year: number;
  title: string;
  heldOn: string;
  place: string;
  firmsTakingPart: number;
  documentNumber: string | null;
  unit: string;
  baseCreditCode: string | null;
  firmCreditCode: string | null;
  discountBasisPoints: number | null;
  recordedBy: string;
  recordedAt: string;
}

const optional = <T>(value: T | undefined): T | null => value ?? null;

export const measures = defineProjection({
  name: 'measures',
  version: 1,
  tables: {
    designationKinds: tableSpec<DesignationKindRow>({
      columns: {
        kindCode: column.text,
        policyCode: column.text,
        article: column.text,
        title: column.text,
        titleZh: column.text,
        level: column.text,
        subject: column.text,
        eligibleKinds: column.text,
        validityYears: column.optionalInteger,
        minimumAnnualRevenueFen: column.optionalInteger,
        treatment: column.optionalText,
      },
      primaryKey: ['kindCode'],
    }),
    designations: tableSpec<DesignationRow>({
      columns: {
        designationId: column.text,
        creditCode: column.text,
        kindCode: column.text,
        level: column.text,
        documentNumber: column.text,
        designatedBy: column.text,
        designatedOn: column.text,
        validUntil: column.optionalText,
        product: column.optionalText,
        annualRevenueFen: column.optionalInteger,
        recordedBy: column.text,
        recordedAt: column.text,
      },
      primaryKey: ['designationId'],
      indexes: ['credit_code, kind_code, designated_on', 'kind_code, designated_on', 'designated_on'],
    }),
    designationCounts: tableSpec<DesignationCountRow>({
      columns: { kindCode: column.text, year: column.integer, designations: column.integer },
      primaryKey: ['kindCode', 'year'],
    }),
    cultivationPools: tableSpec<CultivationPoolRow>({
      columns: {
        poolCode: column.text,
        policyCode: column.text,
        article: column.text,
        titleZh: column.text,
        minOutputFen: column.integer,
        maxOutputFen: column.integer,
        leadUnit: column.text,
        monitored: column.integer,
        scaledUp: column.integer,
        droppedOut: column.integer,
      },
      primaryKey: ['poolCode'],
    }),
    poolMembers: tableSpec<PoolMemberRow>({
      columns: {
        poolCode: column.text,
        creditCode: column.text,
        status: column.text,
        enteredYear: column.integer,
        entryOutputFen: column.integer,
        lastYear: column.integer,
        lastOutputFen: column.integer,
        exitReason: column.optionalText,
        exitReference: column.optionalText,
        exitedOn: column.optionalText,
      },
      primaryKey: ['poolCode', 'creditCode'],
      indexes: ['pool_code, status, credit_code', 'credit_code'],
    }),
    targets: tableSpec<TargetRow>({
      columns: {
        targetCode: column.text,
        year: column.integer,
        policyCode: column.text,
        article: column.text,
        title: column.text,
        titleZh: column.text,
        measureKind: column.text,
        designationKind: column.optionalText,
        quantity: column.integer,
        leadUnit: column.text,
        cooperatingUnits: column.text,
        activities: column.integer,
        firmsReached: column.integer,
        lowestDiscountBasisPoints: column.optionalInteger,
      },
      primaryKey: ['targetCode', 'year'],
    }),
    activities: tableSpec<ActivityRow>({
      columns: {
        activityId: column.text,
        targetCode: column.text,
        year: column.integer,
        title: column.text,
        heldOn: column.text,
        place: column.text,
        firmsTakingPart: column.integer,
        documentNumber: column.optionalText,
        unit: column.text,
        baseCreditCode: column.optionalText,
        firmCreditCode: column.optionalText,
        discountBasisPoints: column.optionalInteger,
        recordedBy: column.text,
        recordedAt: column.text,
      },
      primaryKey: ['activityId'],
      indexes: ['target_code, year, held_on', 'unit, year, held_on', 'year, held_on, activity_id'],
    }),
  },
  handlers: {
    DesignationKindDefined: ({ designationKinds }, { data }) => {
      designationKinds.insert({
        kindCode: data.kindCode,
        policyCode: data.policyCode,
        article: data.article,
        title: data.title,
        titleZh: data.titleZh,
        level: data.level,
        subject: data.subject,
        eligibleKinds: JSON.stringify(data.eligibleKinds),
        validityYears: optional(data.validityYears),
        minimumAnnualRevenueFen: optional(data.minimumAnnualRevenueFen),
        treatment: optional(data.treatment),
      });
    },
    DesignationRecorded: ({ designations, designationCounts }, { data }) => {
      designations.insert({
        designationId: data.designationId,
        creditCode: data.creditCode,
        kindCode: data.kindCode,
        level: data.level,
        documentNumber: data.documentNumber,
        designatedBy: data.designatedBy,
        designatedOn: data.designatedOn,
        validUntil: optional(data.validUntil),
        product: optional(data.product),
        annualRevenueFen: optional(data.annualRevenueFen),
        recordedBy: data.recordedBy,
        recordedAt: data.recordedAt,
      });
      const year = yearOf(data.designatedOn);
      designationCounts.upsert([data.kindCode, year], () => ({ kindCode: data.kindCode, year, designations: 0 })).designations += 1;
    },
    CultivationPoolDefined: ({ cultivationPools }, { data }) => {
      const { definedAt: _definedAt, ...pool } = data;
      cultivationPools.insert({ ...pool, monitored: 0, scaledUp: 0, droppedOut: 0 });
    },
    PoolEntered: ({ cultivationPools, poolMembers }, { data }) => {
      const entry = { status: 'monitored' as const, enteredYear: data.year, entryOutputFen: data.outputValueFen, lastYear: data.year, lastOutputFen: data.outputValueFen };
      const noExit = { exitReason: null, exitReference: null, exitedOn: null };
      const pool = cultivationPools.change(data.poolCode);
      // A firm that dropped out may enter again: its row starts over, and it counts as dropped out no more.
      if (poolMembers.find([data.poolCode, data.creditCode])?.exitReason === 'dropped-out') pool.droppedOut -= 1;
      Object.assign(poolMembers.upsert([data.poolCode, data.creditCode], () => ({ poolCode: data.poolCode, creditCode: data.creditCode, ...entry, ...noExit })), entry, noExit);
      pool.monitored += 1;
    },
    PoolMonitored: ({ poolMembers }, { data }) => {
      const member = poolMembers.change([data.poolCode, data.creditCode]);
      if (data.year >= member.lastYear) Object.assign(member, { lastYear: data.year, lastOutputFen: data.outputValueFen });
    },
    PoolExited: ({ cultivationPools, poolMembers }, { data }) => {
      Object.assign(poolMembers.change([data.poolCode, data.creditCode]), {
        status: 'left',
        exitReason: data.reason,
        exitReference: data.reference,
        exitedOn: data.exitedOn,
      });
      const pool = cultivationPools.change(data.poolCode);
      pool.monitored -= 1;
      if (data.reason === 'above-designated-size') pool.scaledUp += 1;
      else pool.droppedOut += 1;
    },
    TargetSet: ({ targets }, { data }) => {
      targets.insert({
        targetCode: data.targetCode,
        year: data.year,
        policyCode: data.policyCode,
        article: data.article,
        title: data.title,
        titleZh: data.titleZh,
        measureKind: data.measure.kind,
        designationKind: data.measure.kind === 'designations' ? data.measure.designationKind : null,
        quantity: data.quantity,
        leadUnit: data.leadUnit,
        cooperatingUnits: JSON.stringify(data.cooperatingUnits),
        activities: 0,
        firmsReached: 0,
        lowestDiscountBasisPoints: null,
      });
    },
    ActivityRecorded: ({ targets, activities }, { data }) => {
      const discount = data.rentDiscount;
      activities.insert({
        activityId: data.activityId,
        targetCode: data.targetCode,
        year: data.year,
        title: data.title,
        heldOn: data.heldOn,
        place: data.place,
        firmsTakingPart: data.firmsTakingPart,
        documentNumber: optional(data.documentNumber),
        unit: data.unit,
        baseCreditCode: optional(discount?.baseCreditCode),
        firmCreditCode: optional(discount?.firmCreditCode),
        discountBasisPoints: optional(discount?.basisPoints),
        recordedBy: data.recordedBy,
        recordedAt: data.recordedAt,
      });
      const target = targets.change([data.targetCode, data.year]);
      target.activities += 1;
      target.firmsReached += data.firmsTakingPart;
      if (discount && (target.lowestDiscountBasisPoints === null || discount.basisPoints < target.lowestDiscountBasisPoints)) {
        target.lowestDiscountBasisPoints = discount.basisPoints;
      }
    },
  },
  replay: measuresReplay,
});

/**
 * Yearly targets (年度目标) of the policy's articles and the activities (工作开展情况) that meet
 * them: each target is catalog data per article and year, with its lead unit (牵头单位) and
 * cooperating units (配合单位); each activity is recorded by one of them.
 */

// ── Glossary ────────────────────────────────────────────────────────────────────────────────

/**
 * How a target's figure is counted:
 * - `activities`: activities held, e.g. 产销对接活动12次以上, 招聘会80场次以上;
 * - `firms-reached`: firms taking part, summed, e.g. 帮助500家以上小微企业建设电子商务营销网络;
 * - `designations`: designations of a kind dated in the year, e.g. 每年培育1家省级科技企业孵化器;
 * - `lowest-discount`: the lowest rent discount recorded, per base and firm, in basis points, e.g. 租金5%以上的优惠.
 */
export type TargetMeasure =
  | { kind: 'activities' }
  | { kind: 'firms-reached' }
  | { kind: 'designations'; designationKind: string }
  | { kind: 'lowest-discount' };

export type TargetMeasureKind = TargetMeasure['kind'];

export interface TargetDefinition {
  targetCode: string;
  year: number;
  policyCode: string;
  article: string;
  title: string;
  titleZh: string;
  measure: TargetMeasure;
  /** At least this much: a count, a number of firms, or basis points (500 = 5%) for `lowest-discount`. */
  quantity: number;
  /** 牵头单位 */
  leadUnit: string;
  /** 配合单位 */
  cooperatingUnits: string[];
}

/** A rent discount (租金优惠) a startup base gives a firm it houses. */
export interface RentDiscount {
  baseCreditCode: string;
  firmCreditCode: string;
  basisPoints: number;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type TargetEvent =
  | { type: 'TargetSet'; data: TargetDefinition & { setAt: string } }
  | {
      type: 'ActivityRecorded';
      data: {
        targetCode: string;
        year: number;
        activityId: string;
        /** What was done, e.g. 2025年许昌市小微企业产销对接会. */
        title: string;
        heldOn: string;
        place: string;
        /** How many firms took part. */
        firmsTakingPart: number;
        /** 文号 of the document reporting it, if any. */
        documentNumber?: string;
        /** The lead or cooperating unit that did it. */
        unit: string;
        rentDiscount?: RentDiscount;
        recordedBy: string;
        recordedAt: string;
      };
    };

/** One target of one year: its definition and every activity recorded against it. */
export const targetStream = (targetCode: string, year: number) => `target-${targetCode}-${year}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const targetStreamLabel = 'yearly target';

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type TargetState = { status: 'not-set' } | { status: 'set'; target: TargetDefinition; activityIds: string[] };

export const initialTargetState: TargetState = { status: 'not-set' };

export function evolveTarget(state: TargetState, event: TargetEvent): TargetState {
  switch (event.type) {
    case 'TargetSet': {
      const { setAt: _setAt, ...target } = event.data;
      return { status: 'set', target, activityIds: [] };
    }
    case 'ActivityRecorded':
      return state.status === 'set' ? { ...state, activityIds: [...state.activityIds, event.data.activityId] } : state;
    default:
      return state;
  }
}

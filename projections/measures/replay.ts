/**
 * What the replay must give for the measures: every designation and the count of each kind per
 * year, each pool's firms and their last figures, each target's activities, firms reached and
 * lowest rent discount, and each activity.
 */
import type { LedgerEvent } from '../../src/events.js';
import { defineReplay, type Figures, type Fold, mapValues, named } from '../../src/readmodel/replay.js';

type Data<T extends LedgerEvent['type']> = Extract<LedgerEvent, { type: T }>['data'];

interface Member {
  entered: Data<'PoolEntered'>;
  last: { year: number; outputValueFen: number };
  exit?: Data<'PoolExited'>;
}

interface Target {
  definition: Data<'TargetSet'>;
  activities: Data<'ActivityRecorded'>[];
}

interface Measures {
  kinds: Map<string, Data<'DesignationKindDefined'>>;
  designations: Map<string, Data<'DesignationRecorded'>>;
  pools: Map<string, Data<'CultivationPoolDefined'>>;
  /** By pool code and credit code. */
  members: Map<string, Member>;
  /** By target code and year. */
  targets: Map<string, Target>;
}

const memberKey = (poolCode: string, creditCode: string) => `${poolCode}/${creditCode}`;
const targetKey = (targetCode: string, year: number) => `${targetCode}/${year}`;

function applyPool(state: Measures, event: LedgerEvent): void {
  switch (event.type) {
    case 'CultivationPoolDefined':
      state.pools.set(event.data.poolCode, event.data);
      return;
    case 'PoolEntered': {
      const { year, outputValueFen } = event.data;
      state.members.set(memberKey(event.data.poolCode, event.data.creditCode), { entered: event.data, last: { year, outputValueFen } });
      return;
    }
    case 'PoolMonitored': {
      const member = named(state.members, memberKey(event.data.poolCode, event.data.creditCode), 'pool member', 'entered');
      if (event.data.year >= member.last.year) member.last = { year: event.data.year, outputValueFen: event.data.outputValueFen };
      return;
    }
    case 'PoolExited':
      named(state.members, memberKey(event.data.poolCode, event.data.creditCode), 'pool member', 'entered').exit = event.data;
      return;
    default:
      return;
  }
}

const measuresFold: Fold<Measures> = {
  initial: () => ({ kinds: new Map(), designations: new Map(), pools: new Map(), members: new Map(), targets: new Map() }),
  apply(state, event) {
    switch (event.type) {
      case 'DesignationKindDefined':
        state.kinds.set(event.data.kindCode, event.data);
        return;
      case 'DesignationRecorded':
        state.designations.set(event.data.designationId, event.data);
        return;
      case 'TargetSet':
        state.targets.set(targetKey(event.data.targetCode, event.data.year), { definition: event.data, activities: [] });
        return;
      case 'ActivityRecorded':
        named(state.targets, targetKey(event.data.targetCode, event.data.year), 'target', 'set').activities.push(event.data);
        return;
      default:
        applyPool(state, event);
    }
  },
};

function designationCounts(designations: Iterable<Data<'DesignationRecorded'>>): Map<string, Figures> {
  const counts = new Map<string, Figures>();
  for (const d of designations) {
    const key = `${d.kindCode}/${d.designatedOn.slice(0, 4)}`;
    counts.set(key, { designations: Number(counts.get(key)?.designations ?? 0) + 1 });
  }
  return counts;
}

function poolFigures(state: Measures, poolCode: string): Figures {
  const members = [...state.members.values()].filter((m) => m.entered.poolCode === poolCode);
  const left = (reason: string) => members.filter((m) => m.exit?.reason === reason).length;
  return { monitored: members.filter((m) => !m.exit).length, scaled_up: left('above-designated-size'), dropped_out: left('dropped-out') };
}

function targetFigures({ definition, activities }: Target): Figures {
  const discounts = activities.flatMap((a) => (a.rentDiscount ? [a.rentDiscount.basisPoints] : []));
  return {
    quantity: definition.quantity,
    measure_kind: definition.measure.kind,
    lead_unit: definition.leadUnit,
    activities: activities.length,
    firms_reached: activities.reduce((sum, a) => sum + a.firmsTakingPart, 0),
    lowest_discount_basis_points: discounts.length ? Math.min(...discounts) : null,
  };
}

export const measuresReplay = defineReplay({
  folds: { measures: measuresFold },
  tables: {
    designationKinds: {
      key: 'kind_code',
      columns: ['level', 'article'],
      rows: ({ measures }) => mapValues(measures.kinds, (k) => ({ level: k.level, article: k.article })),
    },
    designations: {
      key: 'designation_id',
      columns: ['credit_code', 'kind_code', 'document_number', 'designated_on', 'valid_until'],
      rows: ({ measures }) =>
        mapValues(measures.designations, (d) => ({
          credit_code: d.creditCode,
          kind_code: d.kindCode,
          document_number: d.documentNumber,
          designated_on: d.designatedOn,
          valid_until: d.validUntil ?? null,
        })),
    },
    designationCounts: {
      key: `kind_code || '/' || year`,
      columns: ['designations'],
      rows: ({ measures }) => designationCounts(measures.designations.values()),
    },
    cultivationPools: {
      key: 'pool_code',
      columns: ['monitored', 'scaled_up', 'dropped_out'],
      rows: ({ measures }) => new Map([...measures.pools.keys()].map((code) => [code, poolFigures(measures, code)])),
    },
    poolMembers: {
      key: `pool_code || '/' || credit_code`,
      columns: ['status', 'entered_year', 'last_year', 'last_output_fen', 'exit_reason'],
      rows: ({ measures }) =>
        mapValues(measures.members, (m) => ({
          status: m.exit ? 'left' : 'monitored',
          entered_year: m.entered.year,
          last_year: m.last.year,
          last_output_fen: m.last.outputValueFen,
          exit_reason: m.exit?.reason ?? null,
        })),
    },
    targets: {
      key: `target_code || '/' || year`,
      columns: ['quantity', 'measure_kind', 'lead_unit', 'activities', 'firms_reached', 'lowest_discount_basis_points'],
      rows: ({ measures }) => mapValues(measures.targets, targetFigures),
    },
    activities: {
      key: 'activity_id',
      columns: ['target_code', 'year', 'unit', 'firms_taking_part', 'discount_basis_points'],
      rows: ({ measures }) =>
        new Map(
          [...measures.targets.values()].flatMap((t) =>
            t.activities.map((a) => [
              a.activityId,
              { target_code: a.targetCode, year: a.year, unit: a.unit, firms_taking_part: a.firmsTakingPart, discount_basis_points: a.rentDiscount?.basisPoints ?? null },
            ]),
          ),
        ),
    },
  },
});

/** What the replay must give for the catalog: each policy's 文号 and each line's definition as amended. */
import type { BenefitLineDefinition } from '../../src/catalog/catalog.js';
import { defineReplay, mapValues, type Figures, type Fold } from '../../src/readmodel/replay.js';

interface Published {
  /** 文号 by policy code. */
  policies: Map<string, string>;
  lines: Map<string, BenefitLineDefinition>;
}

const published: Fold<Published> = {
  initial: () => ({ policies: new Map(), lines: new Map() }),
  apply({ policies, lines }, event) {
    switch (event.type) {
      case 'PolicyPublished':
        policies.set(event.data.policyCode, event.data.documentNumber);
        return;
      case 'BenefitLineDefined': {
        const { definedAt: _definedAt, ...definition } = event.data;
        lines.set(definition.lineCode, definition);
        return;
      }
      case 'BenefitLineAmended':
        lines.set(event.data.lineCode, { ...lines.get(event.data.lineCode)!, ...event.data.changes });
        return;
      default:
        return;
    }
  },
};

/** JSON with sorted keys, so two equal definitions compare equal whatever their key order. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

export const catalogReplay = defineReplay({
  folds: { published },
  tables: {
    policies: {
      key: 'policy_code',
      columns: ['document_number'],
      rows: ({ published }) => mapValues(published.policies, (documentNumber) => ({ document_number: documentNumber })),
    },
    benefitLines: {
      key: 'line_code',
      columns: ['definition'],
      rows: ({ published }) => mapValues(published.lines, (line) => ({ definition: canonicalJson(line) })),
      read: (row: Figures) => ({ definition: canonicalJson(JSON.parse(String(row.definition))) }),
    },
  },
});

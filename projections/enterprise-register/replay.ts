/** What the replay must give for the enterprise register (企业名录): each firm's name, county and kind. */
import { defineReplay, mapValues, type Fold } from '../../src/readmodel/replay.js';

export interface Registered {
  name: string;
  county: string;
  kind: string;
}

/** Every registered enterprise by credit code; the enterprise balance reads it too. */
export const registered: Fold<Map<string, Registered>> = {
  initial: () => new Map(),
  apply(firms, event) {
    if (event.type === 'EnterpriseRegistered') {
      firms.set(event.data.creditCode, { name: event.data.name, county: event.data.county, kind: event.data.kind });
    }
  },
};

export const enterpriseRegisterReplay = defineReplay({
  folds: { registered },
  tables: {
    enterprises: { key: 'credit_code', columns: ['name', 'county', 'kind'], rows: ({ registered }) => mapValues(registered, (e) => ({ ...e })) },
  },
});

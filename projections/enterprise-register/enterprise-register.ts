/**
 * Enterprise register (企业名录): each beneficiary by its Unified Social Credit Code
 * (统一社会信用代码), with its county (县市区) and kind.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import { enterpriseRegisterReplay } from './replay.js';

export interface EnterpriseRow {
  creditCode: string;
  name: string;
  county: string;
  kind: string;
  registeredAt: string;
  registeredBy: string;
}

export const enterpriseRegister = defineProjection({
  name: 'enterprise-register',
  // 2: the register counts by kind, and by county and kind, from an index.
  version: 2,
  tables: {
    enterprises: tableSpec<EnterpriseRow>({
      columns: {
        creditCode: column.text,
        name: column.text,
        county: column.text,
        kind: column.text,
        registeredAt: column.text,
        registeredBy: column.text,
      },
      primaryKey: ['creditCode'],
      indexes: ['county, kind', 'kind', 'name'],
    }),
  },
  handlers: {
    EnterpriseRegistered: ({ enterprises }, { data, metadata }) => {
      enterprises.insert({
        creditCode: data.creditCode,
        name: data.name,
        county: data.county,
        kind: data.kind,
        registeredAt: data.registeredAt,
        registeredBy: metadata.actorId,
      });
    },
  },
  replay: enterpriseRegisterReplay,
});

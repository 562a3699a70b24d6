/**
 * Enterprise register (企业名录): each beneficiary by its Unified Social Credit Code
 * (统一社会信用代码), with its county (县市区) and kind.
 */
import { defineProjection } from '../src/readmodel/projection.js';
import { tableSpec } from '../src/readmodel/table.js';

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
  version: 1,
  tables: {
    enterprises: tableSpec<EnterpriseRow>({
      columns: {
        creditCode: 'TEXT NOT NULL',
        name: 'TEXT NOT NULL',
        county: 'TEXT NOT NULL',
        kind: 'TEXT NOT NULL',
        registeredAt: 'TEXT NOT NULL',
        registeredBy: 'TEXT NOT NULL',
      },
      primaryKey: ['creditCode'],
      indexes: ['county', 'name'],
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
});

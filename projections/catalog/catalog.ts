/**
 * Catalog: the policies (政策文件) and their benefit lines (扶持项目) as they stand after every
 * amendment.
 */
import type { BenefitLineDefinition } from '../../src/catalog/catalog.js';
import { benefitRule } from '../../src/catalog/rules/index.js';
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { catalogReplay } from './replay.js';

export interface PolicyRow {
  policyCode: string;
  /** 文号 */
  documentNumber: string;
  title: string;
  issuer: string;
  issuedOn: string;
  /** JSON: the articles (条) of the policy. */
  articles: string;
  publishedAt: string;
}

export interface BenefitLineRow {
  lineCode: string;
  policyCode: string;
  article: string;
  title: string;
  titleZh: string;
  ruleKind: string;
  fixedAmountFen: Fen | null;
  rateBasisPoints: number | null;
  yearlyCapFen: Fen | null;
  frequency: string;
  payerRule: string;
  leadUnit: string;
  exclusivityGroup: string;
  companionOf: string | null;
  /** JSON: the whole definition as amended, cooperating units and eligible kinds included. */
  definition: string;
  definedAt: string;
  amendedAt: string | null;
}

/** A line's searchable columns and its whole definition. */
function lineColumns(definition: BenefitLineDefinition) {
  // The rule's parameters as its module describes them: the projection knows no rule kind.
  const rule = benefitRule(definition.rule).describe();
  return {
    lineCode: definition.lineCode,
    policyCode: definition.policyCode,
    article: definition.article,
    title: definition.title,
    titleZh: definition.titleZh,
    ruleKind: rule.kind,
    fixedAmountFen: rule.amountFen,
    rateBasisPoints: rule.rateBasisPoints,
    yearlyCapFen: rule.yearlyCapFen,
    frequency: definition.frequency,
    payerRule: definition.payer,
    leadUnit: definition.leadUnit,
    exclusivityGroup: definition.exclusivityGroup,
    companionOf: definition.companionOf ?? null,
    definition: JSON.stringify(definition),
  };
}

export const catalog = defineProjection({
  name: 'catalog',
  version: 1,
  tables: {
    policies: tableSpec<PolicyRow>({
      columns: {
        policyCode: column.text,
        documentNumber: column.text,
        title: column.text,
        issuer: column.text,
        issuedOn: column.text,
        articles: column.text,
        publishedAt: column.text,
      },
      primaryKey: ['policyCode'],
    }),
    benefitLines: tableSpec<BenefitLineRow>({
      columns: {
        lineCode: column.text,
        policyCode: column.text,
        article: column.text,
        title: column.text,
        titleZh: column.text,
        ruleKind: column.text,
        fixedAmountFen: column.optionalInteger,
        rateBasisPoints: column.optionalInteger,
        yearlyCapFen: column.optionalInteger,
        frequency: column.text,
        payerRule: column.text,
        leadUnit: column.text,
        exclusivityGroup: column.text,
        companionOf: column.optionalText,
        definition: column.text,
        definedAt: column.text,
        amendedAt: column.optionalText,
      },
      primaryKey: ['lineCode'],
      indexes: ['policy_code'],
    }),
  },
  handlers: {
    PolicyPublished: ({ policies }, { data }) => {
      policies.insert({ ...data, articles: JSON.stringify(data.articles) });
    },
    BenefitLineDefined: ({ benefitLines }, { data }) => {
      const { definedAt, ...definition } = data;
      benefitLines.insert({ ...lineColumns(definition), definedAt, amendedAt: null });
    },
    BenefitLineAmended: ({ benefitLines }, { data }) => {
      const line = benefitLines.change(data.lineCode);
      const current = JSON.parse(line.definition) as BenefitLineDefinition;
      Object.assign(line, lineColumns({ ...current, ...data.changes }), { amendedAt: data.amendedAt });
    },
  },
  replay: catalogReplay,
});

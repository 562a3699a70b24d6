/** The ledger's GraphQL schema, built from the resolvers' decorators. */
import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ApplicationAuditResolver, AuditedEventResolver, AuditResolver, DisbursementAuditResolver } from './audit/audit.resolver.js';
import { authChecker } from './auth/auth-checker.js';
import { ApplicationResolver, ApprovalResolver } from './application/application.resolver.js';
import { BalanceLineResolver, BalanceResolver } from './balance/balance.resolver.js';
import { BudgetResolver } from './budget/budget.resolver.js';
import { BenefitLineResolver, CatalogResolver, PolicyResolver } from './catalog/catalog.resolver.js';
import { DisbursementResolver } from './disbursement/disbursement.resolver.js';
import { EnterpriseResolver } from './enterprise/enterprise.resolver.js';
import { FinanceResolver } from './finance/finance.resolver.js';
import { HistoryResolver } from './history/history.resolver.js';
import { NoticeResolver } from './notice/notice.resolver.js';
import { EnterpriseDesignationsResolver, MeasuresResolver } from './measures/measures.resolver.js';
import { ReconciliationResolver } from './reconciliation/reconciliation.resolver.js';
import { TreasuryResolver } from './treasury/treasury.resolver.js';
import { leanResolvers, resolverContainer } from './lean-resolvers.js';
import { checkTexts } from './shared/text.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';

const RESOLVERS = [
  ViewerResolver,
  CatalogResolver,
  PolicyResolver,
  BenefitLineResolver,
  EnterpriseResolver,
  ApplicationResolver,
  ApprovalResolver,
  DisbursementResolver,
  BudgetResolver,
  FinanceResolver,
  BalanceResolver,
  BalanceLineResolver,
  HistoryResolver,
  ReconciliationResolver,
  AuditResolver,
  AuditedEventResolver,
  DisbursementAuditResolver,
  ApplicationAuditResolver,
  TreasuryResolver,
  NoticeResolver,
  MeasuresResolver,
  EnterpriseDesignationsResolver,
] as const;

export async function buildLedgerSchema(): Promise<GraphQLSchema> {
  const container = resolverContainer();
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    container,
    // No class-validator: inputs are checked by their scalars, their text limits and the domain.
    validate: false,
    validateFn: checkTexts,
  });
  leanResolvers(schema, container);
  return schema;
}

/** The SDL as committed in schema/schema.graphql: sorted, so it changes only when the schema does. */
export async function ledgerSdl(): Promise<string> {
  const sdl = printSchema(lexicographicSortSchema(await buildLedgerSchema()));
  return `# Emitted from the resolvers by \`npm run schema:emit\`; never edit by hand.\n\n${sdl}\n`;
}

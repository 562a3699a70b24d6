/**
 * A ledger on a test store, with the built-in catalog, firms of Xuchang and budgets, and the
 * people who act on it: applicant, officer (reviews), director (approves), cashier (pays).
 */
import { randomUUID } from 'node:crypto';
import type { EnterpriseKind } from '../../src/enterprise/enterprise.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { type CommandContext, createLedger, type Ledger } from '../../src/ledger.js';
import type { QualifyingFact } from '../../src/claim/claim.js';
import type { Evidence } from '../../src/application/application.js';
import { creditCode, NOW } from './domain-fixtures.js';

export const fixedClock = () => new Date(NOW);

/** A context with a fresh idempotency key. */
export const as = (actorId: string, extra: Partial<CommandContext> = {}): CommandContext => ({
  actorId,
  actorRole: actorId.split('-')[0]!.toUpperCase(),
  idempotencyKey: randomUUID(),
  ...extra,
});

export const applicant = () => as('applicant-wang');
export const officer = () => as('officer-li');
export const director = () => as('director-zhang');
export const cashier = () => as('cashier-zhao');
export const finance = () => as('finance-chen');

export async function ledgerWithCatalog(store: EventStore): Promise<Ledger> {
  const ledger = createLedger({ store, clock: fixedClock });
  await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
  await ledger.loadBuiltInMeasures({ actorId: 'system', actorRole: 'SYSTEM' });
  return ledger;
}

export async function registerFirm(ledger: Ledger, serial: number, kind: EnterpriseKind = 'enterprise', county = 'yuzhou') {
  const code = creditCode(serial);
  await ledger.registerEnterprise({ creditCode: code, name: `许昌测试企业${serial}号有限公司`, county, kind }, officer());
  return code;
}

export async function allocate(ledger: Ledger, lineCode: string, amountFen: number, payer = 'municipal', fiscalYear = 2016) {
  return (await ledger.allocateBudget({ lineCode, fiscalYear, payer, amountFen }, finance())).budgetLineId;
}

/** Submitted and reviewed: ready for a director's approval. */
export async function reviewedApplication(
  ledger: Ledger,
  firm: string,
  lineCode: string,
  fact: QualifyingFact,
  requestedFen: number,
  evidence: Evidence = {},
  fiscalYear = 2016,
): Promise<string> {
  const { applicationId } = await ledger.submitApplication(
    { creditCode: firm, lineCode, fiscalYear, qualifyingFact: fact, requestedFen, evidence },
    applicant(),
  );
  await ledger.reviewApplication({ applicationId, opinion: '材料齐全，符合条件' }, officer());
  return applicationId;
}

export async function readLog(store: EventStore) {
  return store.readAll({ maxCount: 1_000_000 });
}

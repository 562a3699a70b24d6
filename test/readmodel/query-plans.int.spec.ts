/**
 * Every list and lookup query of the read models uses an index, with every filter the API allows
 * (alone, and the combinations the consoles send): `EXPLAIN QUERY PLAN` of each statement a query
 * runs shows no full scan of a table that grows with the ledger.
 *
 * Allowed, and why:
 * - `SEARCH` of any table: an index (or the primary key) finds the rows.
 * - In a page (`… ORDER BY … LIMIT`), `SCAN t USING INDEX i`: the index gives the page's order and
 *   the scan stops once the page is full.
 * - A count or total over a filter must `SEARCH … USING COVERING INDEX`: the filter's rows are
 *   counted and summed from the index alone, never from the table's rows (the auditors' totals).
 *   Without a filter, a count may read a covering index whole: it has to count every row.
 * - Any plan over the bounded tables: the catalog (`policies`, `benefit_lines`: a policy's lines),
 *   `budget_use` (one row per line, fiscal year and payer: tens a year, whatever the volume), and
 *   the measures' catalog and counts (`designation_kinds`, `cultivation_pools`, `targets`: a
 *   policy's few per year; `designation_counts`: one row per kind and year).
 * - `json_each`: the keys of a batch lookup, not a table.
 * - A name substring (`nameContains`): `LIKE '%…%'` is served by no B-tree, so its count reads
 *   the register's name index whole (one entry per firm): the one filtered scan allowed.
 */
import { describe, expect, it } from 'vitest';
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { createReadModelQueries, type ReadModelQueries } from '../../src/readmodel/queries/index.js';
import { storyReadModel } from './queries/story.js';

const BOUNDED = new Set(['policies', 'benefit_lines', 'budget_use', 'json_each', 'designation_kinds', 'cultivation_pools', 'targets', 'designation_counts']);
const PAGE = { limit: 100, offset: 0 };

interface Plan {
  sql: string;
  steps: string[];
}

/** The read store, recording the plan of every statement the queries run through it. */
function planning(readStore: ReadStore): { store: ReadStore; plans: Plan[] } {
  const plans: Plan[] = [];
  const explain = (sql: string, params: unknown[] = []) => {
    const steps = readStore.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    plans.push({ sql, steps: steps.map((s) => s.detail) });
  };
  const store: ReadStore = {
    db: readStore.db,
    stats: readStore.stats,
    all: (sql, params) => (explain(sql, params as unknown[]), readStore.all(sql, params)),
    get: (sql, params) => (explain(sql, params as unknown[]), readStore.get(sql, params)),
    allArrays: (sql, params) => (explain(sql, params as unknown[]), readStore.allArrays(sql, params)),
    close: () => readStore.close(),
  };
  return { store, plans };
}

/** The table a plan step reads and how: found by an index, or scanned through one, or scanned whole. */
function access(step: string): { table: string; how: 'search' | 'covering search' | 'index scan' | 'covering scan' | 'scan' } | undefined {
  const match = /^(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (COVERING )?(INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)| VIRTUAL TABLE)?/.exec(step);
  if (!match) return undefined;
  const [, verb, table, covering, index] = match;
  const how = verb === 'SEARCH' ? (covering || index !== 'INDEX' ? 'covering search' : 'search') : index ? (covering ? 'covering scan' : 'index scan') : 'scan';
  return { table: table!.replace(/_v\d+$/, ''), how };
}

/** The steps of a plan the rules above refuse. */
function refused(plan: Plan, allowFilteredScan: boolean): string[] {
  const filtered = /\bWHERE\b/i.test(plan.sql);
  const count = /^SELECT count\(/i.test(plan.sql);
  const page = /\bLIMIT\b/i.test(plan.sql);
  const allowed = (how: string) => {
    if (how === 'scan') return false;
    if (count && filtered) return how === 'covering search' || (allowFilteredScan && how === 'covering scan');
    if (count || page) return true;
    return !filtered || how.endsWith('search');
  };
  return plan.steps.filter((step) => {
    const read = access(step);
    return read !== undefined && !BOUNDED.has(read.table) && !allowed(read.how);
  });
}

type Case = [name: string, run: (q: ReadModelQueries) => unknown, allowFilteredScan?: boolean];

const ID = 'an-id';
const FIRM = '91411000MA3X5Y7B4T';
const filters = <F>(...list: F[]) => list;

const CASES: Case[] = [
  ...filters({}, { creditCode: FIRM }, { county: 'weidu' }, { kind: 'enterprise' }, { county: 'weidu', kind: 'enterprise' }).map(
    (f): Case => [`enterprises ${JSON.stringify(f)}`, (q) => q.enterprises(f, PAGE)],
  ),
  ['enterprises {nameContains}', (q) => q.enterprises({ nameContains: '机械' }, PAGE), true],
  ...filters(
    {},
    { creditCode: FIRM },
    { status: 'reviewed' as const },
    { lineCode: 'innovation-voucher' },
    { fiscalYear: 2024 },
    { county: 'weidu' },
    { lineCode: 'innovation-voucher', fiscalYear: 2024 },
    { county: 'weidu', fiscalYear: 2024 },
    { status: 'reviewed' as const, lineCode: 'innovation-voucher' },
  ).map((f): Case => [`applications ${JSON.stringify(f)}`, (q) => q.applications(f, PAGE)]),
  ...filters(
    {},
    { creditCode: FIRM },
    { lineCode: 'innovation-voucher' },
    { fiscalYear: 2024 },
    { payer: 'municipal' },
    { county: 'weidu' },
    { applicationId: ID },
    { paidFrom: '2024-01-01', paidTo: '2024-03-31' },
    { minAmountFen: 1_000_000 },
    { approvedBy: 'director-1' },
    { county: 'weidu', fiscalYear: 2024 },
    { lineCode: 'innovation-voucher', fiscalYear: 2024 },
    { creditCode: FIRM, fiscalYear: 2024 },
    { payer: 'municipal', fiscalYear: 2024 },
    { county: 'weidu', paidFrom: '2024-01-01', paidTo: '2024-03-31' },
  ).flatMap((f): Case[] => [
    [`disbursements ${JSON.stringify(f)}`, (q) => q.disbursements(f, PAGE)],
    [`disbursementPages ${JSON.stringify(f)}`, (q) => [...q.disbursementPages(f)]],
  ]),
  ...filters({}, { lineCode: 'innovation-voucher' }, { fiscalYear: 2024 }, { payer: 'municipal' }).map(
    (f): Case => [`budgetLines ${JSON.stringify(f)}`, (q) => q.budgetLines(f)],
  ),
  ...filters({ fiscalYear: 2024 }, { fiscalYear: 2024, lineCode: 'innovation-voucher' }, { fiscalYear: 2024, payer: 'municipal' }).map(
    (f): Case => [`budgetLinesAsOf ${JSON.stringify(f)}`, (q) => q.budgetLinesAsOf(f, { asOf: '2024-06-30', asReportedAt: { position: '00000000000000000100' } })],
  ),
  ['budgetExecution', (q) => q.budgetExecution(2024, { asOf: '2024-06-30', asReportedAt: { time: '2024-07-01T00:00:00.000Z' } })],
  ['enterpriseBalanceAsOf', (q) => q.enterpriseBalanceAsOf(FIRM, { asOf: '2024-06-30' })],
  ['applicationIdsOf', (q) => q.applicationIdsOf(FIRM)],
  ['approvalsOf', (q) => q.approvalsOf(ID)],
  ['applicationsWithUnfinishedApprovals', (q) => q.applicationsWithUnfinishedApprovals('2025-01-01T00:00:00.000Z')],
  ['lineBalances', (q) => q.lineBalances(FIRM)],
  ['policies', (q) => q.policies()],
  ['benefitLines', (q) => q.benefitLines({ policyCode: 'xuchang-2016-8' })],
  ['applicationsById', (q) => q.applicationsById([ID])],
  ['approvalsById', (q) => q.approvalsById([ID])],
  ['disbursementsById', (q) => q.disbursementsById([ID])],
  ['enterprisesByCreditCode', (q) => q.enterprisesByCreditCode([FIRM])],
  ['balancesByCreditCode', (q) => q.balancesByCreditCode([FIRM])],
  ['budgetLinesById', (q) => q.budgetLinesById([ID])],
  ['policiesByCode', (q) => q.policiesByCode([ID])],
  ['benefitLinesByCode', (q) => q.benefitLinesByCode([ID])],
  ['merkleTreeSize', (q) => q.merkleTreeSize()],
  ['leafByEventId', (q) => q.leafByEventId(ID)],
  ['leafByPosition', (q) => q.leafByPosition('00000000000000000001')],
  ['leafByIndex', (q) => q.leafByIndex(0)],
  ['leavesOfStream', (q) => q.leavesOfStream(`application-${ID}`)],
  ['leavesFrom', (q) => q.leavesFrom(0, 100)],
  ['merkleRoot', (q) => q.merkleRoot(q.merkleTreeSize())],
  ['inclusionProof', (q) => q.inclusionProof(1, q.merkleTreeSize())],
  ['consistencyProof', (q) => q.consistencyProof(3, q.merkleTreeSize())],
  ...filters({}, { kinds: ['notInFile' as const, 'difference' as const] }, { openOnly: true }).map(
    (f): Case => [`treasuryReport ${JSON.stringify(f)}`, (q) => q.treasuryReport({ period: '2016-12', ...f }, PAGE)],
  ),
  ['treasuryFiles', (q) => q.treasuryFiles('2016-12')],
  ['treasuryException record', (q) => q.treasuryException(`record-${ID}-2`)],
  ['treasuryException payment', (q) => q.treasuryException(`payment-${ID}`)],
  [
    'treasuryMatchingBasis',
    (q) => q.treasuryMatchingBasis([{ row: 2, paymentOrderNo: 'ZFL-1', payeeName: '许昌某公司', payeeCreditCode: FIRM, payeeAccount: '', amountFen: 100, valueDate: '2016-12-05' }]),
  ],
  ...filters({ lineCode: 'neeq-listing-reward' }, { lineCode: 'neeq-listing-reward', fiscalYear: 2016 }).map(
    (f): Case => [`notices ${JSON.stringify(f)}`, (q) => q.notices(f)],
  ),
  ['noticeById', (q) => q.noticeById(ID)],
  ['noticeEntries', (q) => q.noticeEntries(ID)],
  ...filters({ noticeId: ID }, { applicationId: ID }).map((f): Case => [`objections ${JSON.stringify(f)}`, (q) => q.objections(f)]),
  ['calendarYear', (q) => q.calendarYear(2025)],
  ...filters({}, { creditCode: FIRM }, { kindCode: 'little-giant' }, { year: 2024 }, { kindCode: 'little-giant', year: 2024 }, { creditCode: FIRM, kindCode: 'little-giant' }, { creditCode: FIRM, year: 2024 }).map(
    (f): Case => [`designations ${JSON.stringify(f)}`, (q) => q.designations(f, PAGE)],
  ),
  ...filters({}, { poolCode: 'key-cultivation' }, { poolCode: 'key-cultivation', status: 'monitored' as const }, { creditCode: FIRM }).map(
    (f): Case => [`poolMembers ${JSON.stringify(f)}`, (q) => q.poolMembers(f, PAGE)],
  ),
  ...filters({}, { targetCode: 'recruitment-fairs' }, { targetCode: 'recruitment-fairs', year: 2024 }, { unit: '市人社局' }, { unit: '市人社局', year: 2024 }, { year: 2024 }).map(
    (f): Case => [`activities ${JSON.stringify(f)}`, (q) => q.activities(f, PAGE)],
  ),
  ...filters({}, { year: 2024 }, { article: '(一)' }, { leadUnit: '市工信委' }).map((f): Case => [`targetProgress ${JSON.stringify(f)}`, (q) => q.targetProgress(f)]),
  ['designationKinds', (q) => q.designationKinds()],
  ['cultivationPools', (q) => q.cultivationPools()],
  ['designationsById', (q) => q.designationsById([ID])],
  ['activitiesById', (q) => q.activitiesById([ID])],
];

describe('the read models queried as the API queries them', () => {
  const { readStore } = storyReadModel();

  it.each(CASES)('%s uses an index', (_name, run, allowFilteredScan = false) => {
    const { store, plans } = planning(readStore);
    run(createReadModelQueries(store));
    expect(plans.length).toBeGreaterThan(0);
    const refusals = plans.flatMap((plan) => refused(plan, allowFilteredScan).map((step) => `${step}   in   ${plan.sql}`));
    expect(refusals).toEqual([]);
  });

  it('covers every query the read models export', () => {
    const exported = Object.keys(createReadModelQueries(readStore));
    const covered = new Set(CASES.map(([name]) => name.split(' ')[0]));
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
  });
});

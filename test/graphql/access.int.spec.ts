/**
 * Who may do what: every query and mutation against every role (the table below is the access
 * policy, written out), then without a token and with tokens that must be refused; and the
 * object-level rule that an applicant sees only its own enterprise's objects.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICATIONS } from '../../src/demo/applications.js';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { ALL_ROLES, Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, TEST_JWT, type TestApi, token } from './support/api.js';
import { refusal } from './support/run.js';

const { APPLICANT, OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR, ADMIN } = Role;
const EVERYONE = ALL_ROLES;
const CASE_READERS = [APPLICANT, OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR];
const BUDGET_READERS = [APPROVER, TREASURY, FINANCE, AUDITOR];

const OWN = DEMO_ENTERPRISES[0]!.creditCode;
const OTHER = DEMO_ENTERPRISES[6]!.creditCode;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const input = (fields: Record<string, unknown>) => ({ input: { idempotencyKey: 'access-matrix', ...fields } });

interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  allowed: Role[];
}

const QUERIES: Operation[] = [
  { name: 'viewer', query: '{ viewer { role } }', allowed: EVERYONE },
  { name: 'policies', query: '{ policies { code } }', allowed: EVERYONE },
  { name: 'benefitLines', query: '{ benefitLines { code } }', allowed: EVERYONE },
  { name: 'benefitLine', query: '{ benefitLine(code: "neeq-listing-reward") { code } }', allowed: EVERYONE },
  { name: 'counties', query: '{ counties { code } }', allowed: EVERYONE },
  { name: 'enterprise', query: `{ enterprise(creditCode: "${OWN}") { name } }`, allowed: EVERYONE },
  { name: 'enterprises', query: '{ enterprises(first: 5) { totalCount } }', allowed: EVERYONE },
  { name: 'application', query: `{ application(id: "${NO_SUCH_ID}") { id } }`, allowed: CASE_READERS },
  { name: 'applications', query: '{ applications(first: 5) { totalCount } }', allowed: CASE_READERS },
  { name: 'disbursements', query: '{ disbursements(first: 5) { totals { amount } } }', allowed: CASE_READERS },
  { name: 'enterpriseBalance', query: `{ enterpriseBalance(creditCode: "${OWN}") { netBenefit } }`, allowed: CASE_READERS },
  { name: 'budgetLines', query: '{ budgetLines { available } }', allowed: BUDGET_READERS },
  { name: 'budgetLine', query: '{ budgetLine(id: "neeq-listing-reward.2025.municipal") { available } }', allowed: BUDGET_READERS },
  { name: 'reconciliation', query: '{ reconciliation { consistent } }', allowed: [FINANCE, AUDITOR] },
  { name: 'treasuryReport', query: '{ treasuryReport(period: "2016-12") { counts { kind count } } }', allowed: [FINANCE, AUDITOR] },
  { name: 'publicNotices', query: '{ publicNotices(lineCode: "neeq-listing-reward") { id entries { enterpriseName } } }', allowed: EVERYONE },
  { name: 'publicNotice', query: `{ publicNotice(id: "${NO_SUCH_ID}") { id } }`, allowed: EVERYONE },
  { name: 'workingDayCalendar', query: '{ workingDayCalendar(year: 2025) { year days { date } } }', allowed: EVERYONE },
  { name: 'eventHistory', query: `{ eventHistory(subject: ENTERPRISE, id: "${OWN}") { type } }`, allowed: [AUDITOR] },
  { name: 'ledgerHead', query: '{ ledgerHead { treeSize } }', allowed: EVERYONE },
  { name: 'ledgerHeads', query: '{ ledgerHeads { treeSize } }', allowed: EVERYONE },
  { name: 'inclusionProof', query: '{ inclusionProof(position: "00000000000000000001") { auditPath } }', allowed: [FINANCE, AUDITOR] },
  { name: 'consistencyProof', query: '{ consistencyProof(fromSize: 1, toSize: 2) { proof } }', allowed: [FINANCE, AUDITOR] },
];

const m = (name: string, inputType: string) => `mutation ($input: ${inputType}!) { ${name}(input: $input) { position } }`;
const APPLICATION = { applicationId: NO_SUCH_ID };

const LINE = { article: '(一)', title: 't', titleZh: 't', rule: { kind: 'PER_CASE' }, frequency: 'UNLIMITED', payer: 'MUNICIPAL', leadUnit: 'u', cooperatingUnits: [], exclusivityGroup: 'g', eligibleKinds: ['ENTERPRISE'] };

const MUTATIONS: Operation[] = [
  { name: 'publishPolicy', query: m('publishPolicy', 'PublishPolicyInput'), variables: input({ code: 'xuchang-2016-8', documentNumber: 'x', title: 'x', issuer: 'x', issuedOn: '2016-02-02', articles: [] }), allowed: [ADMIN] },
  { name: 'defineBenefitLine', query: m('defineBenefitLine', 'DefineBenefitLineInput'), variables: input({ code: 'neeq-listing-reward', policyCode: 'xuchang-2016-8', line: LINE }), allowed: [ADMIN] },
  { name: 'amendBenefitLine', query: m('amendBenefitLine', 'AmendBenefitLineInput'), variables: input({ code: 'no-such-line', changes: { leadUnit: 'x' } }), allowed: [ADMIN] },
  { name: 'registerEnterprise', query: m('registerEnterprise', 'RegisterEnterpriseInput'), variables: input({ creditCode: OWN, name: 'x', county: 'weidu', kind: 'ENTERPRISE' }), allowed: [ADMIN] },
  { name: 'allocateBudget', query: m('allocateBudget', 'AllocateBudgetInput'), variables: input({ lineCode: 'neeq-listing-reward', fiscalYear: 2025, payer: 'municipal', amount: '1.00' }), allowed: [FINANCE] },
  { name: 'adjustBudget', query: m('adjustBudget', 'AdjustBudgetInput'), variables: input({ budgetLineId: 'no-such-line.2025.municipal', change: 'INCREASE', amount: '1.00', reason: 'x' }), allowed: [FINANCE] },
  { name: 'submitApplication', query: m('submitApplication', 'SubmitApplicationInput'), variables: input({ lineCode: 'no-such-line', fiscalYear: 2025, qualifyingFact: { kind: 'x', reference: 'y' }, requested: '1.00' }), allowed: [APPLICANT] },
  { name: 'withdrawApplication', query: m('withdrawApplication', 'ApplicationCommandInput'), variables: input(APPLICATION), allowed: [APPLICANT] },
  { name: 'reviewApplication', query: m('reviewApplication', 'ReviewApplicationInput'), variables: input({ ...APPLICATION, opinion: 'x' }), allowed: [OFFICER] },
  { name: 'approveApplication', query: m('approveApplication', 'ApproveApplicationInput'), variables: input(APPLICATION), allowed: [APPROVER] },
  { name: 'rejectApplication', query: m('rejectApplication', 'RejectApplicationInput'), variables: input({ ...APPLICATION, reason: 'x' }), allowed: [APPROVER] },
  { name: 'recordDisbursement', query: m('recordDisbursement', 'RecordDisbursementInput'), variables: input({ ...APPLICATION, amount: '1.00', paidOn: '2025-01-01', paymentReference: 'x' }), allowed: [TREASURY] },
  { name: 'demandClawback', query: m('demandClawback', 'DemandClawbackInput'), variables: input({ ...APPLICATION, amount: '1.00', reason: 'x' }), allowed: [APPROVER] },
  { name: 'recordRepayment', query: m('recordRepayment', 'RecordRepaymentInput'), variables: input({ ...APPLICATION, clawbackId: NO_SUCH_ID, amount: '1.00', paidOn: '2025-01-01', paymentReference: 'x' }), allowed: [TREASURY] },
  { name: 'signLedgerHead', query: 'mutation { signLedgerHead(reason: "access matrix") { treeSize } }', allowed: [ADMIN, AUDITOR] },
  { name: 'importTreasuryFile', query: m('importTreasuryFile', 'ImportTreasuryFileInput'), variables: input({ fileName: 'x.csv', contentBase64: 'eA==' }), allowed: [FINANCE] },
  { name: 'resolveTreasuryException', query: m('resolveTreasuryException', 'ResolveTreasuryExceptionInput'), variables: input({ exceptionId: 'no-such', reason: 'x' }), allowed: [FINANCE] },
  { name: 'confirmTreasuryResolution', query: m('confirmTreasuryResolution', 'ConfirmTreasuryResolutionInput'), variables: input({ exceptionId: 'no-such' }), allowed: [FINANCE] },
  { name: 'waiveClawback', query: m('waiveClawback', 'WaiveClawbackInput'), variables: input({ ...APPLICATION, clawbackId: NO_SUCH_ID, reason: 'x' }), allowed: [APPROVER] },
  { name: 'publishNotice', query: m('publishNotice', 'PublishNoticeInput'), variables: input({ lineCode: 'neeq-listing-reward', fiscalYear: 2025, applicationIds: [NO_SUCH_ID] }), allowed: [OFFICER] },
  { name: 'recordObjection', query: m('recordObjection', 'RecordObjectionInput'), variables: input({ ...APPLICATION, objectorName: '张三', contact: '', statement: 'x' }), allowed: EVERYONE },
  { name: 'upholdObjection', query: m('upholdObjection', 'DecideObjectionInput'), variables: input({ ...APPLICATION, objectionId: NO_SUCH_ID, reason: 'x' }), allowed: [OFFICER, APPROVER] },
  { name: 'dismissObjection', query: m('dismissObjection', 'DecideObjectionInput'), variables: input({ ...APPLICATION, objectionId: NO_SUCH_ID, reason: 'x' }), allowed: [OFFICER, APPROVER] },
  { name: 'loadHolidayArrangement', query: m('loadHolidayArrangement', 'LoadHolidayArrangementInput'), variables: input({ year: 2030, source: 'x', days: [{ date: '2030-01-02', kind: 'WEEKDAY_RULE', name: 'x' }] }), allowed: [ADMIN] },
  { name: 'amendCalendarDay', query: m('amendCalendarDay', 'AmendCalendarDayInput'), variables: input({ date: '2031-01-01', kind: 'HOLIDAY', name: '元旦', reason: 'x' }), allowed: [ADMIN] },
];

const OPERATIONS = [...QUERIES, ...MUTATIONS];

describe.each(testStores())('access on the $name store', (testStore) => {
  let api: TestApi;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    api = await startTestApi(testStore, { demo: true });
    for (const role of ALL_ROLES) tokens.set(role, role === APPLICANT ? await applicantToken(OWN) : await token(role));
  });
  afterAll(() => api?.close());

  it('lists every query and mutation of the schema in the matrix', async () => {
    const fields = async (type: string) =>
      (await api.gql(`{ __type(name: "${type}") { fields { name } } }`, {}, tokens.get(AUDITOR))).body.data.__type.fields.map((f: { name: string }) => f.name).sort();
    expect(await fields('Query')).toEqual(QUERIES.map((q) => q.name).sort());
    expect(await fields('Mutation')).toEqual(MUTATIONS.map((q) => q.name).sort());
  });

  const cases = OPERATIONS.flatMap((op) => ALL_ROLES.map((role) => ({ ...op, role, verdict: op.allowed.includes(role) ? 'runs' : 'is refused' })));

  it.each(cases)('$name as $role $verdict', async ({ query, variables, role, allowed }) => {
    const before = await api.eventCount();
    const answer = refusal(await api.gql(query, variables, tokens.get(role)));
    if (allowed.includes(role)) {
      expect(answer).not.toMatch(/^(FORBIDDEN\/ROLE_NOT_ALLOWED|UNAUTHENTICATED)/);
    } else {
      expect(answer).toMatch(/^FORBIDDEN\/ROLE_NOT_ALLOWED: /);
      expect(await api.eventCount()).toBe(before);
    }
  });

  it.each(OPERATIONS)('$name without a token is UNAUTHENTICATED', async ({ query, variables }) => {
    expect(refusal(await api.gql(query, variables))).toMatch(/^UNAUTHENTICATED: /);
  });

  const key = new TextEncoder().encode((TEST_JWT.key as { secret: string }).secret);
  const claims = { role: 'AUDITOR' };
  const signed = (configure: (jwt: SignJWT) => SignJWT) =>
    configure(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(TEST_JWT.issuer).setAudience(TEST_JWT.audience).setExpirationTime('1h')).sign(key);
  const badTokens: [string, () => Promise<string>][] = [
    ['an expired token', () => signed((j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 60))],
    ['a token for another audience', () => signed((j) => j.setAudience('some-other-api'))],
    ['an unsigned token (alg none)', async () => new UnsecuredJWT(claims).setSubject('x').setIssuer(TEST_JWT.issuer).setAudience(TEST_JWT.audience).setExpirationTime('1h').encode()],
  ];

  it.each(OPERATIONS.flatMap((op) => badTokens.map(([what, make]) => ({ ...op, what, make }))))('$name with $what is refused with 401', async ({ query, variables, make }) => {
    const answer = await api.gql(query, variables, await make());
    expect(answer.status).toBe(401);
    expect(refusal(answer)).toMatch(/^UNAUTHENTICATED: /);
    expect(answer.body.data).toBeUndefined();
  });

  const NESTED_CASES: Operation[] = [
    { name: 'enterprise.balance', query: `{ enterprise(creditCode: "${OWN}") { balance { netBenefit } } }`, allowed: CASE_READERS },
    { name: 'enterprise.applications', query: `{ enterprise(creditCode: "${OWN}") { applications(first: 5) { totalCount } } }`, allowed: CASE_READERS },
    { name: 'publicNotices.objections', query: '{ publicNotices(lineCode: "startup-base-reward") { id objections { objectorName } } }', allowed: [OFFICER, APPROVER, TREASURY, FINANCE, AUDITOR, ADMIN] },
    { name: 'enterprises.applications', query: '{ enterprises(first: 5) { edges { node { applications(first: 1) { totalCount } } } } }', allowed: CASE_READERS },
    { name: 'disbursements.auditedEvents', query: '{ disbursements(first: 2) { edges { node { auditedEvents { leafHash } } } } }', allowed: [FINANCE, AUDITOR] },
    { name: 'applications.figureEvents', query: '{ applications(first: 2) { edges { node { figureEvents { figure } } } } }', allowed: [FINANCE, AUDITOR] },
  ];

  it.each(NESTED_CASES.flatMap((op) => ALL_ROLES.map((role) => ({ ...op, role, verdict: op.allowed.includes(role) ? 'reads' : 'gets null and FORBIDDEN' }))))(
    'cases reached through the enterprise register: $name as $role $verdict',
    async ({ query, role, allowed }) => {
      const answer = await api.gql(query, {}, tokens.get(role));
      if (allowed.includes(role)) expect(refusal(answer)).toMatch(/^accepted: /);
      else {
        expect(refusal(answer)).toMatch(/^FORBIDDEN\/ROLE_NOT_ALLOWED: /);
        expect(JSON.stringify(answer.body.data)).not.toMatch(/netBenefit|totalCount":\d/);
      }
    },
  );

  it('hides budget use from an applicant even inside its own application', async () => {
    const own = (await api.gql('{ applications(first: 1) { edges { node { id } } } }', {}, tokens.get(APPLICANT))).body.data.applications.edges[0].node.id;
    const answer = await api.gql(`{ application(id: "${own}") { id budgetLine { available } } }`, {}, tokens.get(APPLICANT));
    expect(refusal(answer)).toMatch(/^FORBIDDEN\/ROLE_NOT_ALLOWED/);
    expect(answer.body.data.application).toEqual({ id: own, budgetLine: null });
  });

  describe('an applicant and another enterprise\'s objects', () => {
    const otherApplication = async () =>
      (await api.gql(`{ enterprise(creditCode: "${OTHER}") { applications(first: 1) { edges { node { id status } } } } }`, {}, tokens.get(OFFICER))).body.data.enterprise
        .applications.edges[0].node;

    it.each([
      ['its enterprise', `{ enterprise(creditCode: "${OTHER}") { name } }`],
      ['its balance', `{ enterpriseBalance(creditCode: "${OTHER}") { netBenefit } }`],
      ['its applications', `{ applications(first: 5, filter: { creditCode: "${OTHER}" }) { totalCount } }`],
      ['its payments', `{ disbursements(first: 5, filter: { creditCode: "${OTHER}" }) { totalCount } }`],
    ])('reads %s as NOT_FOUND', async (_, query) => {
      expect(refusal(await api.gql(query, {}, tokens.get(APPLICANT)))).toMatch(/^NOT_FOUND\/NOT_FOUND: enterprise .* was not found$/);
    });

    it('reads its application by id as NOT_FOUND, exactly like a missing one', async () => {
      const { id } = await otherApplication();
      const other = refusal(await api.gql(`{ application(id: "${id}") { id requested } }`, {}, tokens.get(APPLICANT)));
      const missing = refusal(await api.gql(`{ application(id: "${NO_SUCH_ID}") { id requested } }`, {}, tokens.get(APPLICANT)));
      expect(other.replace(id, '<id>')).toBe(missing.replace(NO_SUCH_ID, '<id>'));
      expect(other).toMatch(/^NOT_FOUND/);
    });

    it('cannot withdraw it or apply in its name, and nothing is written', async () => {
      const before = await api.eventCount();
      const { id } = await otherApplication();
      expect(refusal(await api.gql(m('withdrawApplication', 'ApplicationCommandInput'), input({ applicationId: id }), tokens.get(APPLICANT)))).toMatch(/^NOT_FOUND/);
      const submission = input({ creditCode: OTHER, lineCode: 'innovation-voucher', fiscalYear: 2025, qualifyingFact: { kind: 'x', reference: 'y' }, requested: '1.00' });
      expect(refusal(await api.gql(m('submitApplication', 'SubmitApplicationInput'), submission, tokens.get(APPLICANT)))).toMatch(/^NOT_FOUND/);
      expect(await api.eventCount()).toBe(before);
    });

    it('lists only its own enterprise\'s applications and payments', async () => {
      const own = DEMO_APPLICATIONS.filter((a) => DEMO_ENTERPRISES[a.firm]!.creditCode === OWN);
      const answer = await api.gql('{ applications(first: 50) { totalCount edges { node { creditCode } } } disbursements(first: 50) { edges { node { creditCode } } } enterprises(first: 50) { totalCount } }', {}, tokens.get(APPLICANT));
      const { applications, disbursements, enterprises } = answer.body.data;
      expect(applications.totalCount).toBe(own.length);
      expect(new Set([...applications.edges, ...disbursements.edges].map((e: { node: { creditCode: string } }) => e.node.creditCode))).toEqual(new Set([OWN]));
      expect(enterprises.totalCount).toBe(1);
    });
  });
});

/**
 * Bad input is refused with a clear error, and nothing is written: malformed credit codes,
 * negative, zero, over-precise and huge amounts, unknown lines, illegal transitions, oversized
 * pages, and operations too deep, too aliased or too costly to run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { Role } from '../../src/graphql/auth/role.js';
import { LIMITS } from '../../src/graphql/hardening.js';
import { MAX_PAGE_SIZE } from '../../src/graphql/shared/connection.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi, token } from './support/api.js';
import { refusal, refusedUnwritten } from './support/run.js';

const firmOf = (name: string) => DEMO_ENTERPRISES.find((e) => e.name === name)!.creditCode;
const m = (name: string, inputType: string) => `mutation ($input: ${inputType}!) { ${name}(input: $input) { position } }`;
const REGISTER = m('registerEnterprise', 'RegisterEnterpriseInput');
const ALLOCATE = m('allocateBudget', 'AllocateBudgetInput');
const SUBMIT = m('submitApplication', 'SubmitApplicationInput');

describe.each(testStores())('bad input on the $name store', (testStore) => {
  let api: TestApi;
  const as: Partial<Record<Role, string>> = {};
  let applicant: string;
  beforeAll(async () => {
    api = await startTestApi(testStore, { demo: true });
    for (const role of [Role.ADMIN, Role.FINANCE, Role.OFFICER, Role.APPROVER, Role.TREASURY, Role.AUDITOR]) as[role] = await token(role);
    applicant = await applicantToken(firmOf('许昌云联信息技术有限公司'));
  });
  afterAll(() => api?.close());

  const refused = (query: string, variables: Record<string, unknown>, bearer: string) => refusedUnwritten(api, query, variables, bearer);
  const command = (query: string, input: Record<string, unknown>, bearer: string) => refused(query, { input: { idempotencyKey: 'bad-input', ...input } }, bearer);

  /** The demo application of a firm on a line, as an officer finds it. */
  async function applicationOf(firm: string, lineCode: string): Promise<string> {
    const answer = await api.gql(`{ applications(first: 10, filter: { creditCode: "${firmOf(firm)}", lineCode: "${lineCode}" }) { edges { node { id } } } }`, {}, as.OFFICER);
    return answer.body.data.applications.edges[0].node.id;
  }

  it.each([
    ['a wrong check character', '91411002MA4007919B', /check character expected A, got B/],
    ['17 characters', '91411002MA4007919', /has 18 characters; .* has 17/],
    ['a letter the code never uses (O)', '91411002MO4007919A', /character "O" at position 10 is not allowed/],
    ['lower case', '91411002ma4007919a', /character "m" at position 9 is not allowed/],
  ])('refuses a credit code with %s', async (_, creditCode, why) => {
    const answer = await command(REGISTER, { creditCode, name: '许昌测试有限公司', county: 'weidu', kind: 'ENTERPRISE' }, as.ADMIN!);
    expect(answer).toMatch(/^BAD_USER_INPUT\/INVALID_CREDIT_CODE: /);
    expect(answer).toMatch(why);
  });

  it.each([
    ['negative', '-100.00', /^BAD_USER_INPUT\/AMOUNT_INVALID: .*"-100.00" is not an amount in yuan/],
    ['zero', '0.00', /^BAD_USER_INPUT\/AMOUNT_INVALID: .*positive amount/],
    ['over-precise', '100.001', /^BAD_USER_INPUT\/AMOUNT_INVALID: .*at most two decimals/],
    ['huge', '10000000000.01', /^BAD_USER_INPUT\/AMOUNT_INVALID: .*exceeds the largest amount/],
    ['in exponent notation', '1e6', /^BAD_USER_INPUT\/AMOUNT_INVALID/],
    ['a JSON number', 100000, /^BAD_USER_INPUT: .*never a number/],
  ])('refuses a %s amount', async (_, amount, why) => {
    expect(await command(ALLOCATE, { lineCode: 'sme-special-fund', fiscalYear: 2027, payer: 'municipal', amount }, as.FINANCE!)).toMatch(why);
  });

  it('refuses an application on a line the catalog does not have', async () => {
    const answer = await command(SUBMIT, { lineCode: 'no-such-line', fiscalYear: 2025, qualifyingFact: { kind: 'x', reference: 'y' }, requested: '1000.00' }, applicant);
    expect(answer).toMatch(/^NOT_FOUND\/NOT_FOUND: .*no-such-line/);
  });

  it('refuses a fixed reward requested at another amount, naming the amount', async () => {
    const answer = await command(SUBMIT, { lineCode: 'neeq-listing-reward', fiscalYear: 2025, qualifyingFact: { kind: 'neeq-listing', reference: 'NEEQ-BAD' }, requested: '400000.00' }, applicant);
    expect(answer).toMatch(/^BAD_USER_INPUT\/AMOUNT_INVALID: .*500000\.00/);
  });

  it('refuses the same cost kind twice', async () => {
    const evidence = { costs: [{ kind: 'interest', amount: '100.00' }, { kind: 'interest', amount: '200.00' }] };
    const answer = await command(SUBMIT, { lineCode: 'patent-pledge-subsidy', fiscalYear: 2025, qualifyingFact: { kind: 'patent-pledge-loan', reference: 'ZL-BAD' }, requested: '150.00', evidence }, applicant);
    expect(answer).toMatch(/^BAD_USER_INPUT: cost kind "interest" is given twice/);
  });

  it('refuses a benefit line whose rule lacks its parameter, or that lacks fields', async () => {
    const define = m('defineBenefitLine', 'DefineBenefitLineInput');
    const line = { article: '(一)', title: 't', titleZh: 't', rule: { kind: 'FIXED' }, frequency: 'UNLIMITED', payer: 'MUNICIPAL', leadUnit: 'u', cooperatingUnits: [], exclusivityGroup: 'g', eligibleKinds: ['ENTERPRISE'] };
    expect(await command(define, { code: 'bad-line', policyCode: 'xuchang-2016-8', line }, as.ADMIN!)).toBe("BAD_USER_INPUT: a FIXED rule's amount is required");
    expect(await command(define, { code: 'bad-line', policyCode: 'xuchang-2016-8', line: { title: 't' } }, as.ADMIN!)).toMatch(/^BAD_USER_INPUT: a benefit line needs article, titleZh, rule, /);
  });

  it('refuses to approve an application no officer has reviewed', async () => {
    const id = await applicationOf('长葛市大学生创业孵化基地', 'startup-base-reward');
    expect(await command(m('approveApplication', 'ApproveApplicationInput'), { applicationId: id }, as.APPROVER!)).toMatch(/^CONFLICT\/INVALID_TRANSITION: /);
  });

  it('refuses to pay a rejected application', async () => {
    const id = await applicationOf('许昌春秋文化传媒有限公司', 'innovation-voucher');
    const payment = { applicationId: id, amount: '1000.00', paidOn: '2025-06-01', paymentReference: 'GK-BAD' };
    expect(await command(m('recordDisbursement', 'RecordDisbursementInput'), payment, as.TREASURY!)).toMatch(/^CONFLICT\/INVALID_TRANSITION: /);
  });

  it('refuses to pay more than remains approved', async () => {
    const id = await applicationOf('许昌宏图新材料科技有限公司', 'innovation-voucher');
    const payment = { applicationId: id, amount: '45000.01', paidOn: '2025-06-01', paymentReference: 'GK-BAD' };
    expect(await command(m('recordDisbursement', 'RecordDisbursementInput'), payment, as.TREASURY!)).toMatch(/^(CONFLICT|BAD_USER_INPUT)\/[A-Z_]+: .*45000\.00/);
  });

  it('refuses to let an applicant withdraw an approved application', async () => {
    const id = await applicationOf('许昌云联信息技术有限公司', 'innovation-voucher');
    expect(await command(m('withdrawApplication', 'ApplicationCommandInput'), { applicationId: id }, applicant)).toMatch(/^CONFLICT\/INVALID_TRANSITION: /);
  });

  it('refuses a calendar date that does not exist', async () => {
    const id = await applicationOf('许昌宏图新材料科技有限公司', 'innovation-voucher');
    const payment = { applicationId: id, amount: '100.00', paidOn: '2025-02-30', paymentReference: 'GK-BAD' };
    expect(await command(m('recordDisbursement', 'RecordDisbursementInput'), payment, as.TREASURY!)).toMatch(/^BAD_USER_INPUT: .*"2025-02-30" is not a calendar date/);
  });

  it('counts the cost with the operation\'s defaults and its @skip conditions, whatever was counted before', async () => {
    const nestedApplications = '{ edges { node { applications(first: $m) { edges { node { id } } } } } }';
    const defaults = `query ($n: Int = 100, $m: Int = 100) { enterprises(first: $n) ${nestedApplications} }`;
    expect(refusal(await api.gql(defaults, { n: null, m: null }, as.AUDITOR))).toMatch(/^accepted/);
    expect(await refused(defaults, {}, as.AUDITOR!)).toMatch(/^BAD_USER_INPUT: Cost limit exceeded/);
    const skipped = `query ($s: Boolean!, $m: Int = 100) { enterprises(first: 100) @skip(if: $s) ${nestedApplications} }`;
    expect(refusal(await api.gql(skipped, { s: true }, as.AUDITOR))).toMatch(/^accepted/);
    expect(await refused(skipped, { s: false }, as.AUDITOR!)).toMatch(/^BAD_USER_INPUT: Cost limit exceeded/);
  });

  it('refuses an operation too big to count, rather than running it uncounted', async () => {
    const spreads = (fragment: string) => Array.from({ length: 100 }, () => `...${fragment}`).join(' ');
    const uncountable = `{ ...A enterprises(first: 100) { edges { node { applications(first: 100) { edges { node { id } } } } } } }
      fragment A on Query { ${spreads('B')} } fragment B on Query { ${spreads('C')} } fragment C on Query { counties { code } }`;
    expect(await refused(uncountable, {}, as.AUDITOR!)).toMatch(/^BAD_USER_INPUT: Cost limit: this operation cannot be counted/);
  });

  it.each([
    [`first: ${MAX_PAGE_SIZE + 1}`, /^BAD_USER_INPUT: first must be from 1 to 100 \(got 101\)/],
    ['first: 0', /^BAD_USER_INPUT: first must be from 1 to 100/],
    ['first: -5', /^BAD_USER_INPUT: first must be from 1 to 100/],
    ['first: 10, after: "not-a-cursor"', /^BAD_USER_INPUT: "not-a-cursor" is not a cursor/],
    ...[...['offset:', 'offset:0x2', 'offset:1e1', 'offset:-1'].map((forged) => Buffer.from(forged).toString('base64url')), 'b2Zmc2V0OjE!!!', 'b2Zmc2V0OjF'].map(
      (cursor) => [`first: 10, after: "${cursor}"`, new RegExp(`^BAD_USER_INPUT: "${cursor.replace(/[!]/g, '\\$&')}" is not a cursor`)] as [string, RegExp],
    ),
  ])('refuses a page with %s', async (args, why) => {
    expect(await refused(`{ disbursements(${args}) { totalCount } }`, {}, as.AUDITOR!)).toMatch(why);
  });

  it(`refuses an operation deeper than ${LIMITS.maxDepth}`, async () => {
    const nested = Array.from({ length: LIMITS.maxDepth }).reduce<string>((inner) => `approval { application { ${inner} } }`, 'id');
    const deep = `{ applications(first: 1) { edges { node { ${nested} } } } }`;
    const answer = await api.gql(deep, {}, as.AUDITOR);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(refusal(answer)).toBe(`GRAPHQL_VALIDATION_FAILED: query depth ${2 * LIMITS.maxDepth + 4} exceeds the limit of ${LIMITS.maxDepth}`);
  });

  it(`refuses more than ${LIMITS.maxAliases} aliases, saying how many`, async () => {
    const aliased = `{ ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: counties { code }`).join(' ')} }`;
    expect(await refused(aliased, {}, as.AUDITOR!)).toBe(`GRAPHQL_VALIDATION_FAILED: ${LIMITS.maxAliases + 1} aliases exceed the limit of ${LIMITS.maxAliases}`);
  });

  it(`refuses more than ${LIMITS.maxDirectives} directives, saying how many`, async () => {
    const directed = `{ counties { code ${'@include(if: true) '.repeat(LIMITS.maxDirectives + 1)}} }`;
    expect(await refused(directed, {}, as.AUDITOR!)).toBe(`GRAPHQL_VALIDATION_FAILED: ${LIMITS.maxDirectives + 1} directives exceed the limit of ${LIMITS.maxDirectives}`);
  });

  it(`refuses an operation of more than ${LIMITS.maxTokens} tokens before it is parsed whole`, async () => {
    // The same field over and over: it would merge into one and run, were the tokens not counted.
    const long = `{ ${'counties { code } '.repeat(LIMITS.maxTokens / 4 + 1)}}`;
    expect(await refused(long, {}, as.AUDITOR!)).toMatch(new RegExp(`^GRAPHQL_PARSE_FAILED: .* ${LIMITS.maxTokens} tokens`));
  });

  it('refuses a list nested in a list of 100 as too costly, its page sizes written or given as variables, and runs the page of 100 auditors need', async () => {
    const nested = '{ enterprises(first: 100) { edges { node { applications(first: 100) { edges { node { id approval { amount } } } } } } } }';
    expect(await refused(nested, {}, as.AUDITOR!)).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED): .*Cost limit/i);
    const sized = 'query ($n: Int, $m: Int) { enterprises(first: $n) { edges { node { applications(first: $m) { edges { node { id approval { amount } } } } } } } }';
    // The same operation is counted again for other sizes: a small page first does not let a big one through.
    expect(refusal(await api.gql(sized, { n: 5, m: 5 }, as.AUDITOR))).toMatch(/^accepted/);
    expect(await refused(sized, { n: 100, m: 100 }, as.AUDITOR!)).toMatch(/^BAD_USER_INPUT: Cost limit exceeded: this operation costs \d+/);
    // One list of 30 in a list of 30 is allowed; ten of them aliased are not.
    const aliased = (count: number) =>
      `query ($n: Int, $m: Int) { ${Array.from({ length: count }, (_, i) => `a${i}: enterprises(first: $n) { edges { node { applications(first: $m) { edges { node { id } } } } } }`).join(' ')} }`;
    expect(refusal(await api.gql(aliased(1), { n: 30, m: 30 }, as.AUDITOR))).toMatch(/^accepted/);
    expect(await refused(aliased(10), { n: 30, m: 30 }, as.AUDITOR!)).toMatch(/^BAD_USER_INPUT: Cost limit exceeded/);
    const page = '{ disbursements(first: 100) { edges { node { amount enterprise { name } benefitLine { code } approval { amount approvedBy } } } } }';
    expect(refusal(await api.gql(page, {}, as.AUDITOR))).toMatch(/^accepted/);
  });
});

/**
 * Text inputs, as an attacker fills them: a name that hides a right-to-left override and a NUL,
 * a 40,000-character document reference, zero-width characters in a reference, an escape in a
 * search. Each is refused as BAD_USER_INPUT naming the field, whether sent in variables or
 * written in the operation, and nothing is written; prose may break lines. And every String
 * input of the schema documents its limit.
 */
import { getNamedType, GraphQLID, type GraphQLInputType, GraphQLString, isInputObjectType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/auth/role.js';
import { buildLedgerSchema } from '../../src/graphql/schema.js';
import { TEXT } from '../../src/graphql/shared/text.js';
import { creditCode } from '../support/domain-fixtures.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi, token } from './support/api.js';
import { refusedUnwritten } from './support/run.js';

const REGISTER = 'mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { position } }';
const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { position } }';
const REJECT = 'mutation ($input: RejectApplicationInput!) { rejectApplication(input: $input) { position } }';
const firm = (overrides: Record<string, unknown>) => ({
  input: { idempotencyKey: 'text-limits', creditCode: creditCode(4242), name: '许昌文本测试有限公司', county: 'weidu', kind: 'ENTERPRISE', ...overrides },
});

describe.each(testStores())('text inputs on the $name store', (testStore) => {
  let api: TestApi;
  let admin: string;
  let approver: string;
  beforeAll(async () => {
    api = await startTestApi(testStore, { demo: true });
    admin = await token(Role.ADMIN);
    approver = await token(Role.APPROVER);
  });
  afterAll(() => api?.close());

  const refused = (query: string, variables: Record<string, unknown>, bearer: string) => refusedUnwritten(api, query, variables, bearer);

  it.each([
    ['a right-to-left override', { name: '许昌\u202E司公限有' }, 'name must not contain control, format or bidi characters (U+202E at position 3)'],
    ['a NUL', { name: '许昌测试\u0000有限公司' }, 'name must not contain control, format or bidi characters (U+0000 at position 5)'],
    ['a line feed in a name', { name: '许昌测试\n有限公司' }, 'name must not contain control, format or bidi characters (U+000A at position 5)'],
    ['a name of 201 characters', { name: '许'.repeat(201) }, `name must be at most ${TEXT.NAME.maxLength} characters (got 201)`],
    ['a document reference of 40,000 characters', { documentRef: 'x'.repeat(40_000) }, `documentRef must be at most ${TEXT.REFERENCE.maxLength} characters (got 40000)`],
    ['a byte-order mark in a county code', { county: '\uFEFFweidu' }, 'county must not contain control, format or bidi characters (U+FEFF at position 1)'],
    ['an escape in the idempotency key', { idempotencyKey: 'key\u001b[2J' }, 'idempotencyKey must not contain control, format or bidi characters (U+001B at position 4)'],
    ['a lone surrogate', { name: '许昌\uD800测试' }, 'name must not contain control, format or bidi characters (U+D800 at position 3)'],
  ])('refuses an enterprise with %s, naming the field', async (_, overrides, why) => {
    expect(await refused(REGISTER, firm(overrides), admin)).toBe(`BAD_USER_INPUT: ${why}`);
  });

  it('refuses the same text written in the operation rather than in variables', async () => {
    const written = `mutation { registerEnterprise(input: { idempotencyKey: "text-limits", creditCode: "${creditCode(4242)}", name: "许昌\\u202E测试", county: "weidu", kind: ENTERPRISE }) { position } }`;
    expect(await refused(written, {}, admin)).toBe('BAD_USER_INPUT: name must not contain control, format or bidi characters (U+202E at position 3)');
  });

  it('names a nested field by its path', async () => {
    const application = (qualifyingFact: Record<string, string>, evidence?: Record<string, unknown>) => ({
      input: { idempotencyKey: 'text-limits', lineCode: 'patent-pledge-subsidy', fiscalYear: 2025, qualifyingFact, requested: '150.00', evidence },
    });
    const zeroWidth = application({ kind: 'patent-pledge-loan', reference: 'ZL\u200B-2025' });
    const applicant = await applicantToken(creditCode(4242));
    expect(await refused(SUBMIT, zeroWidth, applicant)).toBe('BAD_USER_INPUT: qualifyingFact.reference must not contain control, format or bidi characters (U+200B at position 3)');
    const costs = application({ kind: 'patent-pledge-loan', reference: 'ZL-2025' }, { costs: [{ kind: 'interest', amount: '100.00' }, { kind: 'appraisal\u0007', amount: '50.00' }] });
    expect(await refused(SUBMIT, costs, applicant)).toBe('BAD_USER_INPUT: evidence.costs[1].kind must not contain control, format or bidi characters (U+0007 at position 10)');
  });

  it('lets prose break lines, and refuses it too long or with other control characters', async () => {
    const answer = await api.gql('{ applications(first: 1, filter: { status: APPROVED }) { edges { node { id } } } }', {}, approver);
    const applicationId: string = answer.body.data.applications.edges[0].node.id;
    const reject = (reason: string) => ({ input: { idempotencyKey: 'text-limits', applicationId, reason } });
    // Past the text check: the domain refuses to reject an approved application.
    expect(await refused(REJECT, reject('材料不实：\r\n\t一、……\n二、……'), approver)).toMatch(/^CONFLICT\/INVALID_TRANSITION: /);
    expect(await refused(REJECT, reject('材料不实\u2067'), approver)).toBe(
      'BAD_USER_INPUT: reason must not contain control, format or bidi characters (U+2067 at position 5); only tab and line breaks are allowed',
    );
    expect(await refused(REJECT, reject('不'.repeat(TEXT.PROSE.maxLength + 1)), approver)).toBe(`BAD_USER_INPUT: reason must be at most ${TEXT.PROSE.maxLength} characters (got 2001)`);
  });

  it('refuses a search or an id out of bounds', async () => {
    const auditor = await token(Role.AUDITOR);
    const search = 'query ($name: String) { enterprises(first: 5, filter: { nameContains: $name }) { totalCount } }';
    expect(await refused(search, { name: '许昌\u202E' }, auditor)).toBe('BAD_USER_INPUT: nameContains must not contain control, format or bidi characters (U+202E at position 3)');
    const history = 'query ($id: String!) { eventHistory(subject: APPLICATION, id: $id) { type } }';
    expect(await refused(history, { id: 'a'.repeat(TEXT.ID.maxLength + 1) }, auditor)).toBe(`BAD_USER_INPUT: id must be at most ${TEXT.ID.maxLength} characters (got 201)`);
    // Not echoed back in a NOT_FOUND.
    const budgetLine = 'query ($id: ID!) { budgetLine(id: $id) { id } }';
    expect(await refused(budgetLine, { id: 'sme-special-fund.2025.\u202Emunicipal' }, auditor)).toBe(
      'BAD_USER_INPUT: id must not contain control, format or bidi characters (U+202E at position 23)',
    );
    const application = 'query ($id: ID!) { application(id: $id) { id } }';
    expect(await refused(application, { id: 'x'.repeat(40_000) }, auditor)).toBe(`BAD_USER_INPUT: id must be at most ${TEXT.ID.maxLength} characters (got 40000)`);
  });
});


function isText(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return named === GraphQLString || named === GraphQLID;
}

describe('the schema', () => {
  it('documents a length limit on every String or ID input field and argument', async () => {
    const schema = await buildLedgerSchema();
    const texts: { name: string; description: string }[] = [];
    for (const type of Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'))) {
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (isText(field.type)) texts.push({ name: `${type.name}.${field.name}`, description: field.description ?? '' });
        }
      }
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args.filter((a) => isText(a.type))) {
            texts.push({ name: `${type.name}.${field.name}(${arg.name})`, description: arg.description ?? '' });
          }
        }
      }
    }
    const undocumented = texts.filter((t) => !/ At most \d+ characters; /.test(t.description)).map((t) => t.name);
    expect(texts.length).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  });
});

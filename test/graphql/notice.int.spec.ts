/**
 * Public notice through the API, on the demo: the reviewed startup base is under notice, with an
 * objection dismissed and one open; bad input is refused and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi, token } from './support/api.js';
import { refusal, refusedUnwritten } from './support/run.js';

const [sqlite] = testStores().filter((s) => s.name === 'sqlite');
const m = (name: string, inputType: string, fields = 'position') => `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`;
let keys = 0;
const input = (fields: Record<string, unknown>) => ({ input: { idempotencyKey: `notice-${++keys}`, ...fields } });

describe.runIf(sqlite)('public notice through the API, on the demo', () => {
  let api: TestApi;
  let officer: string;
  let approver: string;
  let noticed: string;
  beforeAll(async () => {
    api = await startTestApi(sqlite!, { demo: true });
    officer = await token(Role.OFFICER);
    approver = await token(Role.APPROVER);
    const answer = await api.gql('{ publicNotices(lineCode: "startup-base-reward", fiscalYear: 2025) { entries { applicationId } } }', {}, officer);
    noticed = answer.body.data.publicNotices[0].entries[0].applicationId;
  });
  afterAll(() => api?.close());

  it('lists the notice with its five working days, its firm and its objections', async () => {
    const answer = await api.gql(
      '{ publicNotices(lineCode: "startup-base-reward") { workingDays startsOn endsOn publishedBy entries { position enterpriseName county proposedFen } objections { objectorName status decidedBy } } }',
      {},
      officer,
    );
    const [notice] = answer.body.data.publicNotices;
    expect(notice).toMatchObject({ workingDays: 5, publishedBy: 'officer-li', entries: [{ position: 1, enterpriseName: DEMO_ENTERPRISES[1]!.name, proposedFen: '100000.00' }] });
    expect(notice.objections).toEqual([
      { objectorName: '赵敏', status: 'DISMISSED', decidedBy: 'approver-wang' },
      { objectorName: '常红', status: 'OPEN', decidedBy: null },
    ]);
    expect(notice.endsOn > notice.startsOn).toBe(true);
  });

  it('shows the line\'s working days of notice in the catalog, and refuses a notice of 31 working days', async () => {
    const answer = await api.gql('{ benefitLine(code: "startup-base-reward") { noticeWorkingDays } innovation: benefitLine(code: "innovation-voucher") { noticeWorkingDays } }', {}, officer);
    expect(answer.body.data).toEqual({ benefitLine: { noticeWorkingDays: 5 }, innovation: { noticeWorkingDays: null } });
    const amend = input({ code: 'innovation-voucher', changes: { noticeWorkingDays: 31 } });
    expect(await refusedUnwritten(api, m('amendBenefitLine', 'AmendBenefitLineInput'), amend, await token(Role.ADMIN))).toMatch(/^BAD_USER_INPUT\/INVALID_INPUT: .*1 to 30 working days/);
  });

  it('refuses an objection that names no one, and writes nothing', async () => {
    const objection = input({ applicationId: noticed, objectorName: '   ', contact: '', statement: '不符合条件' });
    expect(await refusedUnwritten(api, m('recordObjection', 'RecordObjectionInput'), objection, await applicantToken(DEMO_ENTERPRISES[3]!.creditCode))).toMatch(/^BAD_USER_INPUT\/INVALID_INPUT: the name of the person who objects/);
  });

  it('refuses a notice on an application no officer has reviewed', async () => {
    const submitted = (await api.gql('{ applications(first: 10, filter: { lineCode: "startup-base-reward", status: SUBMITTED }) { edges { node { id } } } }', {}, officer)).body.data.applications.edges[0].node.id;
    const publish = input({ lineCode: 'startup-base-reward', fiscalYear: 2025, applicationIds: [submitted] });
    expect(await refusedUnwritten(api, m('publishNotice', 'PublishNoticeInput'), publish, officer)).toMatch(/^CONFLICT\/INVALID_TRANSITION: .*only reviewed applications/);
  });

  it('refuses to approve the application while it is under notice', async () => {
    expect(refusal(await api.gql(m('approveApplication', 'ApproveApplicationInput'), input({ applicationId: noticed }), approver))).toMatch(/^CONFLICT\/NOTICE_PERIOD: .*under public notice/);
  });

  it('upholds the open objection, not by the publisher, and the application is rejected with the reason', async () => {
    const objections = (await api.gql('{ publicNotices(lineCode: "startup-base-reward") { objections { id status } } }', {}, officer)).body.data.publicNotices[0].objections;
    const open = objections.find((o: { status: string }) => o.status === 'OPEN').id;
    const decision = () => input({ applicationId: noticed, objectionId: open, reason: '租金减免确未落实' });
    expect(await refusedUnwritten(api, m('upholdObjection', 'DecideObjectionInput'), decision(), await token(Role.OFFICER, 'officer-li'))).toMatch(/^FORBIDDEN\/FOUR_EYES/);
    const upheld = await api.gql(m('upholdObjection', 'DecideObjectionInput', 'objection { status decisionReason }'), decision(), approver);
    expect(upheld.body.data.upholdObjection.objection).toEqual({ status: 'UPHELD', decisionReason: '租金减免确未落实' });
    const application = await api.gql(`{ application(id: "${noticed}") { status rejectionReason } }`, {}, officer);
    expect(application.body.data.application).toEqual({ status: 'REJECTED', rejectionReason: '公示异议成立：租金减免确未落实' });
  });

  it('serves the working-day calendar of 2026 with the Spring Festival and its make-up Saturdays', async () => {
    const answer = await api.gql('{ workingDayCalendar(year: 2026) { source days { date kind name } } none: workingDayCalendar(year: 2040) { year } }', {}, await applicantToken(DEMO_ENTERPRISES[0]!.creditCode));
    const { days } = answer.body.data.workingDayCalendar;
    expect(days).toContainEqual({ date: '2026-02-14', kind: 'WORKING_DAY', name: '春节' });
    expect(days).toContainEqual({ date: '2026-02-23', kind: 'HOLIDAY', name: '春节' });
    expect(answer.body.data.none).toBeNull();
  });
});

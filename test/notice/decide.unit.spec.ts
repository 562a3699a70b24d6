import { describe, expect, it } from 'vitest';
import type { ApplicationState } from '../../src/application/application.js';
import { type CalendarState, evolveCalendar, initialCalendarState } from '../../src/calendar/calendar.js';
import { STATE_COUNCIL_ARRANGEMENTS } from '../../src/calendar/state-council.js';
import type { BenefitLineState } from '../../src/catalog/catalog.js';
import { noticeBoardDecider } from '../../src/notice/decide.js';
import { assertNoticeAllowsApproval } from '../../src/notice/gate.js';
import { evolveNoticeBoard, initialNoticeBoard, type NoticeEvent, noticeStandingOf } from '../../src/notice/notice.js';
import { builtInLine, creditCode, yuan } from '../support/domain-fixtures.js';
import { deciderSpec, expectDomainError } from '../support/domain-spec.js';

const spec = deciderSpec(noticeBoardDecider);
const LINE = 'neeq-listing-reward';
/** Friday 26 September 2025, 10:00 in Xuchang. */
const FRIDAY = '2025-09-26T02:00:00.000Z';
const calendars = new Map<number, CalendarState>(
  STATE_COUNCIL_ARRANGEMENTS.map((a) => [a.year, evolveCalendar(initialCalendarState, { type: 'HolidayArrangementLoaded', data: { ...a, loadedAt: FRIDAY } })]),
);
const withNotice: BenefitLineState = { status: 'defined', line: { ...builtInLine(LINE), noticeWorkingDays: 5 } };
const firm = creditCode(7);

function application(status: 'submitted' | 'reviewed', applicationId = 'app-1'): ApplicationState {
  const submission = {
    applicationId, creditCode: firm, lineCode: LINE, fiscalYear: 2025, payer: 'municipal', budgetLineId: `${LINE}.2025.municipal`,
    county: 'yuzhou', qualifyingFact: { kind: 'neeq-listing', reference: '股转系统函〔2025〕1号' }, requestedFen: yuan(500_000), evidence: {}, submittedBy: 'applicant-a',
  };
  return status === 'reviewed' ? { status, submission, approvals: {}, reviewedBy: 'officer-li' } : { status, submission, approvals: {} };
}

const publish = (applications = [{ applicationId: 'app-1', state: application('reviewed'), enterpriseName: '禹州钧瓷股份有限公司' }], line = withNotice) => ({
  type: 'PublishNotice' as const,
  data: { noticeId: 'n-1', lineCode: LINE, fiscalYear: 2025, publishedBy: 'officer-li', now: FRIDAY, line, applications, calendars },
});

const published: NoticeEvent = {
  type: 'PublicNoticePublished',
  data: {
    noticeId: 'n-1', lineCode: LINE, fiscalYear: 2025, workingDays: 5, startsOn: '2025-09-26', endsOn: '2025-10-09',
    entries: [{ applicationId: 'app-1', creditCode: firm, enterpriseName: '禹州钧瓷股份有限公司', county: 'yuzhou', proposedFen: yuan(500_000) }],
    publishedBy: 'officer-li', publishedAt: FRIDAY,
  },
};

const object = (objectorName: string, now = '2025-10-08T01:00:00.000Z') => ({
  type: 'RecordObjection' as const,
  data: { objectionId: 'o-1', applicationId: 'app-1', objectorName, contact: '0374-1234567', statement: '该企业未在许昌注册经营', recordedBy: 'applicant-b', now },
});
const objected: NoticeEvent = {
  type: 'NoticeObjectionRecorded',
  data: { noticeId: 'n-1', objectionId: 'o-1', applicationId: 'app-1', objectorName: '张三', contact: '0374-1234567', statement: '该企业未在许昌注册经营', recordedBy: 'applicant-b', recordedAt: '2025-10-08T01:00:00.000Z' },
};
const decide = (type: 'UpholdObjection' | 'DismissObjection', decidedBy = 'approver-wang', reason = '经核实，企业注册地在禹州市') => ({
  type, data: { objectionId: 'o-1', reason, decidedBy, now: '2025-10-10T01:00:00.000Z' },
});

describe('a line and year with no notice yet', () => {
  it('publishes reviewed applications for the line\'s five working days, counted over 国庆节 and its make-up Sunday', () => {
    // Fri 9-26, Sun 9-28 (调休), Mon 9-29, Tue 9-30; 10-1 to 10-8 off; Thu 10-9.
    spec.given([]).when(publish()).then([published]);
  });

  it('refuses an application that is not reviewed yet', () => {
    spec.given([]).when(publish([{ applicationId: 'app-1', state: application('submitted'), enterpriseName: 'x' }])).thenFails('INVALID_TRANSITION', /only reviewed/);
  });

  it('refuses a line with no notice configured', () => {
    spec.given([]).when(publish(undefined, { status: 'defined', line: builtInLine(LINE) })).thenFails('INVALID_INPUT', /no public notice/);
  });

  it('refuses an empty list, and an application of another line', () => {
    spec.given([]).when(publish([])).thenFails('INVALID_INPUT', /at least one/);
    const other = application('reviewed');
    if (other.status === 'reviewed') other.submission = { ...other.submission, lineCode: 'scale-up-reward' };
    spec.given([]).when(publish([{ applicationId: 'app-1', state: other, enterpriseName: 'x' }])).thenFails('INVALID_INPUT', /scale-up-reward/);
  });
});

describe('a notice running until 9 October', () => {
  it('records a written objection that names who objects, on a holiday of the notice', () => {
    spec.given([published]).when(object('张三')).then([objected]);
  });

  it('refuses an objection with no name', () => {
    spec.given([published]).when(object('  ')).thenFails('INVALID_INPUT', /name/);
  });

  it('refuses an objection once the notice has ended', () => {
    spec.given([published]).when(object('张三', '2025-10-10T01:00:00.000Z')).thenFails('INVALID_TRANSITION', /ended on 2025-10-09/);
  });

  it('does not publish an application a second time', () => {
    spec.given([published]).when({ ...publish(), data: { ...publish().data, noticeId: 'n-2' } }).thenFails('ALREADY_EXISTS', /already on notice n-1/);
  });
});

describe('an open objection', () => {
  it('is dismissed with a reason by someone other than the publisher', () => {
    spec.given([published, objected]).when(decide('DismissObjection')).then([
      { type: 'NoticeObjectionDismissed', data: { noticeId: 'n-1', objectionId: 'o-1', applicationId: 'app-1', reason: '经核实，企业注册地在禹州市', decidedBy: 'approver-wang', decidedAt: '2025-10-10T01:00:00.000Z' } },
    ]);
  });

  it('is not decided by the officer who published the notice', () => {
    spec.given([published, objected]).when(decide('UpholdObjection', 'officer-li')).thenFails('FOUR_EYES');
  });

  it('is not decided without a reason, nor twice', () => {
    spec.given([published, objected]).when(decide('UpholdObjection', 'approver-wang', ' ')).thenFails('INVALID_INPUT', /reason/);
    const upheld: NoticeEvent = { type: 'NoticeObjectionUpheld', data: { noticeId: 'n-1', objectionId: 'o-1', applicationId: 'app-1', reason: 'r', decidedBy: 'approver-wang', decidedAt: FRIDAY } };
    spec.given([published, objected, upheld]).when(decide('DismissObjection')).thenFails('INVALID_TRANSITION', /already upheld/);
  });
});

describe('the gate on approval', () => {
  const standing = (...events: NoticeEvent[]) => noticeStandingOf(events.reduce(evolveNoticeBoard, initialNoticeBoard), 'app-1');
  const on = (date: string) => `${date}T01:00:00.000Z`;

  it('lets a line without notice approve as before', () => {
    expect(() => assertNoticeAllowsApproval('app-1', standing(), undefined, on('2025-09-26'))).not.toThrow();
  });

  it('refuses an application of a line with notice that was never published', () => {
    expectDomainError(() => assertNoticeAllowsApproval('app-1', standing(), 5, on('2025-09-26')), 'NOTICE_PERIOD', /must be published/);
  });

  it('refuses before the notice ends, and while an objection is open after it', () => {
    expectDomainError(() => assertNoticeAllowsApproval('app-1', standing(published), 5, on('2025-10-09')), 'NOTICE_PERIOD', /until 2025-10-09/);
    expectDomainError(() => assertNoticeAllowsApproval('app-1', standing(published, objected), 5, on('2025-10-10')), 'OBJECTION_OPEN');
  });

  it('lets it through the day after the notice, its objection dismissed', () => {
    const dismissed: NoticeEvent = { type: 'NoticeObjectionDismissed', data: { noticeId: 'n-1', objectionId: 'o-1', applicationId: 'app-1', reason: 'r', decidedBy: 'approver-wang', decidedAt: FRIDAY } };
    expect(() => assertNoticeAllowsApproval('app-1', standing(published, objected, dismissed), 5, on('2025-10-10'))).not.toThrow();
  });
});

describe('a line whose notice was turned off again (0 working days)', () => {
  const off: BenefitLineState = { status: 'defined', line: { ...builtInLine(LINE), noticeWorkingDays: 0 } };

  it('publishes no notice, and approves as before', () => {
    spec.given([]).when(publish(undefined, off)).thenFails('INVALID_INPUT', /no public notice/);
    expect(() => assertNoticeAllowsApproval('app-1', { status: 'not-on-notice' }, 0, FRIDAY)).not.toThrow();
  });
});

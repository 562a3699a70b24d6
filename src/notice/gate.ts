/**
 * The notice's gate on approval: an application on a line that requires public notice (公示) is
 * approved only once its notice has ended, with no objection open and none upheld.
 */
import { beijingDate } from '../calendar/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { NoticeStanding } from './notice.js';

/** Refuses the approval, on `now`, of an application whose notice stands so; `noticeWorkingDays` is the line's. */
export function assertNoticeAllowsApproval(applicationId: string, standing: NoticeStanding, noticeWorkingDays: number | undefined, now: string): void {
  if (standing.status === 'not-on-notice') {
    if (!noticeWorkingDays) return;
    throw new DomainError('NOTICE_PERIOD', `application ${applicationId} must be published for public notice (公示) of ${noticeWorkingDays} working days before it is approved`);
  }
  if (beijingDate(now) <= standing.endsOn) {
    throw new DomainError('NOTICE_PERIOD', `application ${applicationId} is under public notice (公示) until ${standing.endsOn}: it can be approved after that day`);
  }
  if (standing.objections.open > 0) {
    throw new DomainError('OBJECTION_OPEN', `an objection to application ${applicationId} is open: it is upheld or dismissed before the application is approved`);
  }
  if (standing.objections.upheld > 0) throw new DomainError('NOT_ELIGIBLE', `an objection to application ${applicationId} was upheld: it cannot be approved`);
}

/**
 * Public notice: publishing a batch of reviewed applications, recording an objection, upholding
 * or dismissing it. One decider per notice board (`public-notice-<line>-<year>`); the lookups
 * (the line, the applications, the calendars) arrive in the command.
 */
import type { ApplicationState } from '../application/application.js';
import { beijingDate, type Calendars, firstWorkingDayFrom, lastOfWorkingDays } from '../calendar/calendar.js';
import type { BenefitLineState } from '../catalog/catalog.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import {
  evolveNoticeBoard,
  initialNoticeBoard,
  type NoticeBoardState,
  noticeBoardStreamLabel,
  type NoticeEntry,
  type NoticeEvent,
} from './notice.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

/** An application to publish, as command handling looked it up. */
export interface ApplicationOnFile {
  applicationId: string;
  state: ApplicationState;
  /** 企业名称 from the register; absent when the firm is not registered. */
  enterpriseName?: string;
}

export type NoticeCommand =
  | {
      type: 'PublishNotice';
      data: {
        noticeId: string;
        lineCode: string;
        fiscalYear: number;
        publishedBy: string;
        now: string;
        /** Looked up: the line (its working days of notice), the applications, the calendars of this year and the next. */
        line: BenefitLineState;
        applications: ApplicationOnFile[];
        calendars: Calendars;
      };
    }
  | {
      type: 'RecordObjection';
      data: { objectionId: string; applicationId: string; objectorName: string; contact: string; statement: string; recordedBy: string; now: string };
    }
  | { type: 'UpholdObjection' | 'DismissObjection'; data: { objectionId: string; reason: string; decidedBy: string; now: string } };

type Command<T extends NoticeCommand['type']> = Extract<NoticeCommand, { type: T }>;

const required = (text: string, what: string): void => {
  if (text.trim() === '') throw new DomainError('INVALID_INPUT', `${what} is required`);
};

// ── Publishing ──────────────────────────────────────────────────────────────────────────────

/** Only a reviewed application of this line and year, not yet on a notice, is published. */
function entryOf(command: Command<'PublishNotice'>['data'], board: NoticeBoardState, { applicationId, state, enterpriseName }: ApplicationOnFile): NoticeEntry {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', `there is no application ${applicationId}`);
  if (state.status !== 'reviewed') {
    throw new DomainError('INVALID_TRANSITION', `application ${applicationId} is ${state.status}: only reviewed applications are published for notice (公示)`);
  }
  const { lineCode, fiscalYear, creditCode, county, requestedFen } = state.submission;
  if (lineCode !== command.lineCode || fiscalYear !== command.fiscalYear) {
    throw new DomainError('INVALID_INPUT', `application ${applicationId} is on ${lineCode} ${fiscalYear}, not on ${command.lineCode} ${command.fiscalYear}`);
  }
  if (board.noticeOf[applicationId] !== undefined) {
    throw new DomainError('ALREADY_EXISTS', `application ${applicationId} is already on notice ${board.noticeOf[applicationId]}`);
  }
  if (enterpriseName === undefined) throw new DomainError('NOT_FOUND', `enterprise ${creditCode} is not registered`);
  return { applicationId, creditCode, enterpriseName, county, proposedFen: requestedFen };
}

export function publishNotice(command: Command<'PublishNotice'>, board: NoticeBoardState): NoticeEvent[] {
  const { noticeId, lineCode, fiscalYear, publishedBy, now, line, applications, calendars } = command.data;
  if (line.status !== 'defined') throw new DomainError('NOT_FOUND', `benefit line ${lineCode} is not defined`);
  const workingDays = line.line.noticeWorkingDays;
  if (!workingDays) throw new DomainError('INVALID_INPUT', `benefit line ${lineCode} has no public notice (公示) configured`);
  if (board.notices[noticeId]) throw new DomainError('ALREADY_EXISTS', `notice ${noticeId} is already published`);
  if (applications.length === 0) throw new DomainError('INVALID_INPUT', 'a notice lists at least one application');
  const ids = applications.map((a) => a.applicationId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new DomainError('INVALID_INPUT', `application ${twice} is listed twice`);
  const entries = applications.map((a) => entryOf(command.data, board, a));
  const startsOn = firstWorkingDayFrom(calendars, beijingDate(now));
  const endsOn = lastOfWorkingDays(calendars, startsOn, workingDays);
  return [
    { type: 'PublicNoticePublished', data: { noticeId, lineCode, fiscalYear, workingDays, startsOn, endsOn, entries, publishedBy, publishedAt: now } },
  ];
}

// ── Objections ──────────────────────────────────────────────────────────────────────────────

export function recordObjection(command: Command<'RecordObjection'>, board: NoticeBoardState): NoticeEvent[] {
  const { objectionId, applicationId, objectorName, contact, statement, recordedBy, now } = command.data;
  required(objectorName, 'the name of the person who objects (实名异议)');
  required(statement, 'the written objection');
  const noticeId = board.noticeOf[applicationId];
  if (noticeId === undefined) throw new DomainError('NOT_FOUND', `application ${applicationId} is not under public notice`);
  const { endsOn } = board.notices[noticeId]!;
  if (beijingDate(now) > endsOn) throw new DomainError('INVALID_TRANSITION', `the notice of application ${applicationId} ended on ${endsOn}: objections are received while it runs`);
  if (board.objections[objectionId]) throw new DomainError('ALREADY_EXISTS', `objection ${objectionId} is already recorded`);
  const recorded = { noticeId, objectionId, applicationId, objectorName: objectorName.trim(), contact: contact.trim(), statement, recordedBy, recordedAt: now };
  return [{ type: 'NoticeObjectionRecorded', data: recorded }];
}

/** Upheld (成立) or dismissed (不成立), with a reason, by someone other than the notice's publisher (四眼原则). */
export function decideObjection(command: Command<'UpholdObjection' | 'DismissObjection'>, board: NoticeBoardState): NoticeEvent[] {
  const { objectionId, reason, decidedBy, now } = command.data;
  const objection = board.objections[objectionId];
  if (!objection) throw new DomainError('NOT_FOUND', `there is no objection ${objectionId} on this notice board`);
  if (objection.status !== 'open') throw new DomainError('INVALID_TRANSITION', `objection ${objectionId} is already ${objection.status}`);
  required(reason, 'the reason for the decision on the objection');
  const { publishedBy } = board.notices[objection.noticeId]!;
  if (decidedBy === publishedBy) throw new DomainError('FOUR_EYES', `${decidedBy} published this notice and cannot also decide its objections (四眼原则)`);
  const type = command.type === 'UpholdObjection' ? 'NoticeObjectionUpheld' : 'NoticeObjectionDismissed';
  const { noticeId, applicationId } = objection;
  return [{ type, data: { noticeId, objectionId, applicationId, reason, decidedBy, decidedAt: now } }];
}

// ── decide ──────────────────────────────────────────────────────────────────────────────────

export function decideNotice(command: NoticeCommand, board: NoticeBoardState): NoticeEvent[] {
  switch (command.type) {
    case 'PublishNotice':
      return publishNotice(command, board);
    case 'RecordObjection':
      return recordObjection(command, board);
    case 'UpholdObjection':
    case 'DismissObjection':
      return decideObjection(command, board);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const noticeBoardDecider: Decider<NoticeBoardState, NoticeCommand, NoticeEvent> = {
  streamLabel: noticeBoardStreamLabel,
  version: 1,
  initialState: initialNoticeBoard,
  evolve: evolveNoticeBoard,
  decide: decideNotice,
};

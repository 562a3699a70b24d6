/**
 * Public notice (公示) of proposed awards: before a line's awards are approved, the list of
 * reviewed applications is posted for a number of working days (拟奖励名单公示); anyone may
 * object in writing, under their name (实名异议); an objection is upheld (the application is
 * rejected) or dismissed, with a reason. One notice board per benefit line and fiscal year holds
 * every notice of that line and year, so the approval finds an application's notice by its line.
 */
import type { Fen } from '../shared/money.js';
import type { IsoDate } from '../calendar/calendar.js';

// ── Glossary ────────────────────────────────────────────────────────────────────────────────

/** One application as the notice lists it: the firm, its county, the amount proposed (拟奖励金额). */
export interface NoticeEntry {
  applicationId: string;
  creditCode: string;
  /** 企业名称, as registered when the notice was published. */
  enterpriseName: string;
  /** 县（市、区） */
  county: string;
  /** The amount the reviewed application asks for: what the notice proposes. */
  proposedFen: Fen;
}

/** What becomes of an objection (异议): open until upheld (成立) or dismissed (不成立). */
export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type NoticeEvent =
  | {
      type: 'PublicNoticePublished';
      data: {
        noticeId: string;
        lineCode: string;
        fiscalYear: number;
        workingDays: number;
        /** First and last working day of the notice (Beijing dates), inclusive. */
        startsOn: IsoDate;
        endsOn: IsoDate;
        entries: NoticeEntry[];
        publishedBy: string;
        publishedAt: string;
      };
    }
  | {
      type: 'NoticeObjectionRecorded';
      data: {
        noticeId: string;
        objectionId: string;
        applicationId: string;
        /** 实名: the person who objects, in their own name. */
        objectorName: string;
        /** How to reach them (phone, address), as they give it. */
        contact: string;
        statement: string;
        recordedBy: string;
        recordedAt: string;
      };
    }
  /** 异议成立: the application is rejected with the reason. */
  | { type: 'NoticeObjectionUpheld'; data: ObjectionDecision }
  /** 异议不成立 */
  | { type: 'NoticeObjectionDismissed'; data: ObjectionDecision };

export interface ObjectionDecision {
  noticeId: string;
  objectionId: string;
  applicationId: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export const noticeBoardStream = (lineCode: string, fiscalYear: number) => `public-notice-${lineCode}-${fiscalYear}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const noticeBoardStreamLabel = 'public notice board';

// ── State ───────────────────────────────────────────────────────────────────────────────────

export interface Notice {
  noticeId: string;
  publishedBy: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface Objection {
  objectionId: string;
  noticeId: string;
  applicationId: string;
  status: ObjectionStatus;
}

/** The notices of one line and year: each notice, the notice each application is on, each objection. */
export interface NoticeBoardState {
  notices: Record<string, Notice>;
  noticeOf: Record<string, string>;
  objections: Record<string, Objection>;
}

export const initialNoticeBoard: NoticeBoardState = { notices: {}, noticeOf: {}, objections: {} };

export function evolveNoticeBoard(state: NoticeBoardState, event: NoticeEvent): NoticeBoardState {
  switch (event.type) {
    case 'PublicNoticePublished': {
      const { noticeId, publishedBy, startsOn, endsOn, entries } = event.data;
      const noticeOf = { ...state.noticeOf, ...Object.fromEntries(entries.map((e) => [e.applicationId, noticeId])) };
      return { ...state, notices: { ...state.notices, [noticeId]: { noticeId, publishedBy, startsOn, endsOn } }, noticeOf };
    }
    case 'NoticeObjectionRecorded': {
      const { objectionId, noticeId, applicationId } = event.data;
      return { ...state, objections: { ...state.objections, [objectionId]: { objectionId, noticeId, applicationId, status: 'open' } } };
    }
    case 'NoticeObjectionUpheld':
    case 'NoticeObjectionDismissed': {
      const objection = state.objections[event.data.objectionId];
      if (!objection) return state;
      const status = event.type === 'NoticeObjectionUpheld' ? 'upheld' : 'dismissed';
      return { ...state, objections: { ...state.objections, [objection.objectionId]: { ...objection, status } } };
    }
    default:
      return state;
  }
}

// ── Where one application stands ────────────────────────────────────────────────────────────

/** What the approval needs to know of an application's notice. */
export type NoticeStanding =
  | { status: 'not-on-notice' }
  | { status: 'on-notice'; endsOn: IsoDate; objections: Record<ObjectionStatus, number> };

export function noticeStandingOf(board: NoticeBoardState, applicationId: string): NoticeStanding {
  const noticeId = board.noticeOf[applicationId];
  if (noticeId === undefined) return { status: 'not-on-notice' };
  const objections = { open: 0, upheld: 0, dismissed: 0 };
  for (const objection of Object.values(board.objections)) if (objection.applicationId === applicationId) objections[objection.status] += 1;
  return { status: 'on-notice', endsOn: board.notices[noticeId]!.endsOn, objections };
}

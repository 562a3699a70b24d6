/**
 * Public notice (公示): each notice as published, the applications it lists (拟奖励名单), the
 * objections (异议) and how they were decided; and the working-day calendar the notices run on.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import type { ObjectionDecision } from '../../src/notice/notice.js';
import { column, type Table, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { publicNoticeReplay } from './replay.js';

export interface NoticeRow {
  noticeId: string;
  lineCode: string;
  fiscalYear: number;
  workingDays: number;
  startsOn: string;
  endsOn: string;
  publishedBy: string;
  publishedAt: string;
  entryCount: number;
}

/** One line of a notice's list; an application is on one notice at most. */
export interface NoticeEntryRow {
  applicationId: string;
  noticeId: string;
  lineCode: string;
  fiscalYear: number;
  /** 序号: its place in the list as published, from 1. */
  position: number;
  creditCode: string;
  enterpriseName: string;
  county: string;
  proposedFen: Fen;
}

export interface ObjectionRow {
  objectionId: string;
  noticeId: string;
  applicationId: string;
  objectorName: string;
  contact: string;
  statement: string;
  recordedBy: string;
  recordedAt: string;
  status: 'open' | 'upheld' | 'dismissed';
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

export interface CalendarYearRow {
  year: number;
  source: string;
  loadedAt: string;
}

/** A day the year's arrangement or an amendment marks; "weekday-rule" when an amendment took the mark away. */
export interface CalendarDayRow {
  date: string;
  year: number;
  kind: 'holiday' | 'working-day' | 'weekday-rule';
  name: string;
}

function decided(objections: Table<ObjectionRow>, data: ObjectionDecision, status: 'upheld' | 'dismissed'): void {
  Object.assign(objections.change(data.objectionId), { status, decidedBy: data.decidedBy, decisionReason: data.reason, decidedAt: data.decidedAt });
}

export const publicNotice = defineProjection({
  name: 'public-notice',
  version: 1,
  tables: {
    notices: tableSpec<NoticeRow>({
      columns: {
        noticeId: column.text,
        lineCode: column.text,
        fiscalYear: column.integer,
        workingDays: column.integer,
        startsOn: column.text,
        endsOn: column.text,
        publishedBy: column.text,
        publishedAt: column.text,
        entryCount: column.integer,
      },
      primaryKey: ['noticeId'],
      indexes: ['line_code, fiscal_year'],
    }),
    noticeEntries: tableSpec<NoticeEntryRow>({
      columns: {
        applicationId: column.text,
        noticeId: column.text,
        lineCode: column.text,
        fiscalYear: column.integer,
        position: column.integer,
        creditCode: column.text,
        enterpriseName: column.text,
        county: column.text,
        proposedFen: column.integer,
      },
      primaryKey: ['applicationId'],
      indexes: ['notice_id, position', 'line_code, fiscal_year'],
    }),
    objections: tableSpec<ObjectionRow>({
      columns: {
        objectionId: column.text,
        noticeId: column.text,
        applicationId: column.text,
        objectorName: column.text,
        contact: column.text,
        statement: column.text,
        recordedBy: column.text,
        recordedAt: column.text,
        status: column.text,
        decidedBy: column.optionalText,
        decisionReason: column.optionalText,
        decidedAt: column.optionalText,
      },
      primaryKey: ['objectionId'],
      indexes: ['notice_id', 'application_id'],
    }),
    calendarYears: tableSpec<CalendarYearRow>({
      columns: { year: column.integer, source: column.text, loadedAt: column.text },
      primaryKey: ['year'],
    }),
    calendarDays: tableSpec<CalendarDayRow>({
      columns: { date: column.text, year: column.integer, kind: column.text, name: column.text },
      primaryKey: ['date'],
      indexes: ['year'],
    }),
  },
  handlers: {
    PublicNoticePublished: ({ notices, noticeEntries }, { data }) => {
      const { entries, lineCode, fiscalYear, noticeId } = data;
      notices.insert({ ...data, entryCount: entries.length });
      entries.forEach((entry, i) => noticeEntries.insert({ ...entry, noticeId, lineCode, fiscalYear, position: i + 1 }));
    },
    NoticeObjectionRecorded: ({ objections }, { data }) => {
      objections.insert({ ...data, status: 'open', decidedBy: null, decisionReason: null, decidedAt: null });
    },
    NoticeObjectionUpheld: ({ objections }, { data }) => decided(objections, data, 'upheld'),
    NoticeObjectionDismissed: ({ objections }, { data }) => decided(objections, data, 'dismissed'),
    HolidayArrangementLoaded: ({ calendarYears, calendarDays }, { data }) => {
      calendarYears.insert({ year: data.year, source: data.source, loadedAt: data.loadedAt });
      for (const day of data.days) calendarDays.insert({ ...day, year: data.year });
    },
    CalendarDayAmended: ({ calendarDays }, { data }) => {
      const { date, year, kind, name } = data;
      Object.assign(calendarDays.upsert(date, () => ({ date, year, kind, name })), { kind, name });
    },
  },
  replay: publicNoticeReplay,
});

/** Public notice as the API and the published lists read it: notices, their lists, objections, the calendar. */
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { where } from '../../src/readmodel/queries/sql.js';
import { selectList } from '../../src/readmodel/table.js';
import { type CalendarDayRow, type CalendarYearRow, type NoticeEntryRow, type NoticeRow, type ObjectionRow, publicNotice } from './public-notice.js';

const { notices, noticeEntries, objections, calendarYears, calendarDays } = publicNotice.tables;
const NOTICE = selectList(notices);
const ENTRY = selectList(noticeEntries);
const OBJECTION = selectList(objections);

export interface NoticeFilter {
  lineCode: string;
  fiscalYear?: number;
}

export interface ObjectionFilter {
  noticeId?: string;
  applicationId?: string;
}

export interface CalendarYear extends CalendarYearRow {
  /** The days the arrangement or an amendment marks, in date order. */
  days: CalendarDayRow[];
}

export function publicNoticeQueries(rs: ReadStore) {
  return {
    /** The notices of a line and year, as published, newest first. */
    notices(filter: NoticeFilter): NoticeRow[] {
      const w = where([['line_code = ?', filter.lineCode], ['fiscal_year = ?', filter.fiscalYear]]);
      return rs.all<NoticeRow>(`SELECT ${NOTICE} FROM notices ${w.clause} ORDER BY published_at DESC, notice_id`, w.params);
    },
    noticeById: (noticeId: string): NoticeRow | undefined => rs.get<NoticeRow>(`SELECT ${NOTICE} FROM notices WHERE notice_id = ?`, [noticeId]),
    /** One notice's list (拟奖励名单), in its published order. */
    noticeEntries: (noticeId: string): NoticeEntryRow[] =>
      rs.all<NoticeEntryRow>(`SELECT ${ENTRY} FROM notice_entries WHERE notice_id = ? ORDER BY position`, [noticeId]),
    /** Objections to a notice or to an application, in the order they were recorded. */
    objections(filter: ObjectionFilter): ObjectionRow[] {
      const w = where([['notice_id = ?', filter.noticeId], ['application_id = ?', filter.applicationId]]);
      return rs.all<ObjectionRow>(`SELECT ${OBJECTION} FROM objections ${w.clause} ORDER BY recorded_at, objection_id`, w.params);
    },
    /** A year of the working-day calendar, or undefined when its arrangement is not loaded. */
    calendarYear(year: number): CalendarYear | undefined {
      const loaded = rs.get<CalendarYearRow>(`SELECT ${selectList(calendarYears)} FROM calendar_years WHERE year = ?`, [year]);
      if (!loaded) return undefined;
      const days = rs.all<CalendarDayRow>(`SELECT ${selectList(calendarDays)} FROM calendar_days WHERE year = ? ORDER BY date`, [year]);
      return { ...loaded, days };
    },
  };
}

/** What the replay must give for public notice: the notices' lists, the objections' outcomes, the calendar's marked days. */
import { defineReplay, type Figures, type Fold, mapValues } from '../../src/readmodel/replay.js';

interface Board {
  notices: Map<string, { lineCode: string; fiscalYear: number; endsOn: string; entries: number }>;
  entries: Map<string, { noticeId: string; position: number; proposedFen: number }>;
  objections: Map<string, { applicationId: string; status: string; decidedBy: string | null }>;
  years: Map<string, string>;
  days: Map<string, { kind: string; name: string }>;
}

const board: Fold<Board> = {
  initial: () => ({ notices: new Map(), entries: new Map(), objections: new Map(), years: new Map(), days: new Map() }),
  apply(state, event) {
    switch (event.type) {
      case 'PublicNoticePublished': {
        const { noticeId, lineCode, fiscalYear, endsOn, entries } = event.data;
        state.notices.set(noticeId, { lineCode, fiscalYear, endsOn, entries: entries.length });
        for (const [i, e] of entries.entries()) state.entries.set(e.applicationId, { noticeId, position: i + 1, proposedFen: e.proposedFen });
        return;
      }
      case 'NoticeObjectionRecorded':
        state.objections.set(event.data.objectionId, { applicationId: event.data.applicationId, status: 'open', decidedBy: null });
        return;
      case 'NoticeObjectionUpheld':
      case 'NoticeObjectionDismissed': {
        const status = event.type === 'NoticeObjectionUpheld' ? 'upheld' : 'dismissed';
        state.objections.set(event.data.objectionId, { applicationId: event.data.applicationId, status, decidedBy: event.data.decidedBy });
        return;
      }
      case 'HolidayArrangementLoaded':
        state.years.set(String(event.data.year), event.data.source);
        for (const day of event.data.days) state.days.set(day.date, { kind: day.kind, name: day.name });
        return;
      case 'CalendarDayAmended':
        state.days.set(event.data.date, { kind: event.data.kind, name: event.data.name });
        return;
      default:
        return;
    }
  },
};

const asFigures = <T extends object>(map: Map<string, T>) => mapValues(map, (v) => ({ ...v }) as Figures);

export const publicNoticeReplay = defineReplay({
  folds: { board },
  tables: {
    notices: {
      key: 'notice_id',
      columns: ['line_code', 'fiscal_year', 'ends_on', 'entry_count'],
      rows: ({ board }) => mapValues(board.notices, (n) => ({ line_code: n.lineCode, fiscal_year: n.fiscalYear, ends_on: n.endsOn, entry_count: n.entries })),
    },
    noticeEntries: {
      key: 'application_id',
      columns: ['notice_id', 'position', 'proposed_fen'],
      rows: ({ board }) => mapValues(board.entries, (e) => ({ notice_id: e.noticeId, position: e.position, proposed_fen: e.proposedFen })),
    },
    objections: {
      key: 'objection_id',
      columns: ['application_id', 'status', 'decided_by'],
      rows: ({ board }) => mapValues(board.objections, (o) => ({ application_id: o.applicationId, status: o.status, decided_by: o.decidedBy })),
    },
    calendarYears: {
      // The replay keys its rows by text.
      key: 'CAST(year AS TEXT)',
      columns: ['source'],
      rows: ({ board }) => mapValues(board.years, (source) => ({ source })),
    },
    calendarDays: {
      key: 'date',
      columns: ['kind', 'name'],
      rows: ({ board }) => asFigures(board.days),
    },
  },
});

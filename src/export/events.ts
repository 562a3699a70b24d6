/**
 * The raw event history of a fiscal year (财政年度) as an auditor's file: every event the log
 * recorded in that year (its `recordedAt` in Beijing time), in log order, as stored: the
 * metadata in columns, the data as its JSON (amounts in integer fen).
 */
import { comparePositions, type EventStore, type RecordedEvent } from '../eventstore/port.js';
import { fiscalYearAt } from '../shared/fiscal-year.js';
import type { Cell, TableOptions } from './table.js';

/** Events per read of the log. */
const READ_PAGE = 1_000;

export const EVENT_TABLE: TableOptions = {
  sheetName: '事件 Events',
  header: [
    '日志位置 position',
    '流 stream',
    '版本 revision',
    '类型 type',
    '事件编号 id',
    '记录时间 recordedAt',
    '操作人 actorId',
    '角色 actorRole',
    '关联编号 correlationId',
    '起因编号 causationId',
    '文号 documentRef',
    '数据版本 schemaVersion',
    '载荷哈希 payloadHash',
    '数据 data',
  ],
};

/**
 * The events of one fiscal year, read a page at a time up to the head of the log as it was when
 * the export began (later events belong to a later file).
 */
export async function* eventsOfFiscalYear(store: EventStore, year: number): AsyncGenerator<RecordedEvent> {
  const head = await store.headPosition();
  if (head === undefined) return;
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    for (const event of page) {
      if (comparePositions(event.position, head) > 0) return;
      if (fiscalYearAt(event.metadata.recordedAt) === year) yield event;
    }
    if (page.length < READ_PAGE) return;
    after = page.at(-1)!.position;
  }
}

export function eventCells(e: RecordedEvent): Cell[] {
  const m = e.metadata;
  return [
    e.position,
    e.stream,
    e.revision,
    e.type,
    e.id,
    m.recordedAt,
    m.actorId,
    m.actorRole,
    m.correlationId,
    m.causationId,
    m.documentRef ?? null,
    m.schemaVersion,
    m.payloadHash ?? null,
    JSON.stringify(e.data),
  ];
}

/**
 * The ledger's treasury commands (Finance): import a payment-record file of the treasury's agent
 * bank and match it, a batch of records at a time, against the ledger's payments; resolve an
 * exception of the report with a reason, and confirm another person's resolution.
 *
 * A file is read twice, streaming: checked whole first (a bad row refuses the file before anything
 * is recorded), then matched batch by batch, each batch looking its candidates up in the read
 * models once they show the batch before. Its stream is named by its SHA-256: the same file again,
 * under any key, records nothing and answers what the first import found.
 */
import { type CommandContext, type CommandDeps, envelope, type TreasuryLookups } from '../commands/envelope.js';
import { decideAndAppend, handle, type Write } from '../commands/handle.js';
import { type ClaimKey, once } from '../commands/idempotency.js';
import type { EventMetadata } from '../eventstore/port.js';
import { digestWhileReading, type FileSource, formatOf, treasuryRecords, type TreasuryFileFormat } from '../import/treasury-file.js';
import { DomainError } from '../shared/errors.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { assertPeriod, periodOf, type TreasuryFileCommand, treasuryExceptionDecider, treasuryFileDecider } from '../treasury/decide.js';
import type { TreasuryRecord } from '../treasury/record.js';
import { type Period, treasuryExceptionStream, treasuryFileStream, type TreasuryEvent } from '../treasury/treasury.js';

/** How far apart a value date and a paid-on date may be for a match, unless the import says otherwise. */
export const DEFAULT_DATE_WINDOW_DAYS = 3;
/**
 * Records matched per event: a batch's lookups and its event stay bounded whatever the file's size.
 * EventStoreDB refuses an append of more than 1 MiB (its default): 2,000 records make about 700 KB.
 */
export const MATCH_BATCH = 2_000;
/**
 * On the embedded store, which has no such limit, 10,000 (an event of about 3.5 MB): a batch's
 * records go into the read model in one transaction, and two of ts_records' indexes (by payment
 * order, by payment) take them at random places, so a batch of 10,000 writes each of those index
 * pages once for five times as many records.
 */
export const EMBEDDED_MATCH_BATCH = 10_000;

export interface ImportTreasuryFileInput {
  fileName: string;
  /** Opens the file's bytes; called more than once. */
  source: FileSource;
  format?: TreasuryFileFormat;
  /** The month reconciled; by default the one month of the file's value dates. */
  period?: Period;
  dateWindowDays?: number;
}

/** Records matched so far, of the file's total. */
export type MatchProgress = (matched: number, total: number) => void;

/** What the whole file holds, read through once. */
interface CheckedFile {
  recordCount: number;
  totalFen: Fen;
  months: Set<Period>;
}

async function checkFile(source: FileSource, format: TreasuryFileFormat): Promise<CheckedFile> {
  const checked: CheckedFile = { recordCount: 0, totalFen: 0, months: new Set() };
  for await (const records of treasuryRecords(source, format)) {
    for (const record of records) {
      checked.recordCount += 1;
      checked.totalFen += record.amountFen;
      checked.months.add(periodOf(record.valueDate));
    }
  }
  return checked;
}

function periodFor(checked: CheckedFile, period: Period | undefined): Period {
  if (period !== undefined) {
    assertPeriod(period);
    return period;
  }
  if (checked.months.size === 1) return [...checked.months][0]!;
  throw new DomainError('INVALID_INPUT', `the file's value dates span ${[...checked.months].sort().join(', ')}: say which period it reconciles`);
}

/** The file's records (read a chunk at a time) from `skip` on, `size` at a time. */
async function* batches(chunks: AsyncIterable<TreasuryRecord[]>, skip: number, size: number): AsyncGenerator<TreasuryRecord[]> {
  let index = 0;
  let batch: TreasuryRecord[] = [];
  for await (const chunk of chunks) {
    for (const record of chunk) {
      if (index++ < skip) continue;
      batch.push(record);
      if (batch.length < size) continue;
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function lookups(deps: CommandDeps): TreasuryLookups {
  if (!deps.treasury) throw new Error('treasury reconciliation needs the read models: open the ledger through openLedgerApp');
  return deps.treasury;
}

/** Each step's events get ids from the file and the step, so a resumed or repeated import writes nothing twice. */
const stepWrite = (metadata: EventMetadata, fileId: string, step: string, claimKey?: ClaimKey): Write<TreasuryEvent> => ({
  metadata,
  eventIds: (events) => events.map((_, i) => deterministicId('treasury-file', fileId, step, String(i))),
  claimKey,
});

export const treasuryCommands = (deps: CommandDeps) => ({
  /**
   * Imports and matches a treasury payment-record file. Refuses a bad file (naming the row) before
   * recording anything. Returns `{ fileId, period, recordCount, matched, differences, notInLedger, duplicates }`.
   */
  importTreasuryFile: async (input: ImportTreasuryFileInput, ctx: CommandContext, onProgress: MatchProgress = () => {}) => {
    const look = lookups(deps);
    const format = input.format ?? formatOf(input.fileName);
    const read = digestWhileReading(input.source);
    const checked = await checkFile(read.source, format);
    const fileId = await read.digest();
    const period = periodFor(checked, input.period);
    const dateWindowDays = input.dateWindowDays ?? DEFAULT_DATE_WINDOW_DAYS;
    const env = envelope(deps, 'ImportTreasuryFile', { fileId, fileName: input.fileName, period, dateWindowDays }, ctx);
    const stream = treasuryFileStream(fileId);
    const step = (command: TreasuryFileCommand, name: string, claimKey?: ClaimKey) =>
      decideAndAppend(deps, stream, treasuryFileDecider, command, stepWrite(env.metadata, fileId, name, claimKey));

    return once(deps, env, async (claimKey) => {
      const { recordCount, totalFen } = checked;
      const importData = { fileId, fileName: input.fileName, period, dateWindowDays, recordCount, totalFen, importedBy: ctx.actorId, now: env.now };
      let decided = await step({ type: 'ImportTreasuryFile', data: importData }, 'imported', claimKey);
      const from = decided.known.state.status === 'importing' ? decided.known.state.recorded : recordCount;
      let matched = from;
      onProgress(matched, recordCount);
      const batchSize = deps.store.kind === 'sqlite' ? EMBEDDED_MATCH_BATCH : MATCH_BATCH;
      for await (const records of batches(treasuryRecords(input.source, format), from, batchSize)) {
        await look.catchUp();
        const data = { firstIndex: matched, records, basis: look.matchingBasis(records), now: env.now };
        decided = await step({ type: 'MatchTreasuryRecords', data }, `records-${matched}`);
        matched += records.length;
        onProgress(matched, recordCount);
      }
      decided = await step({ type: 'FinishTreasuryMatch', data: { now: env.now } }, 'matched');
      const { state } = decided.known;
      if (state.status !== 'matched' || decided.position === undefined) throw new Error(`treasury file ${fileId} was not closed`);
      return { position: decided.position, fileId, period: state.period, recordCount: state.recordCount, ...state.counts };
    });
  },

  /** Finance resolves an exception of the report with a reason. Returns `{ exceptionId }`. */
  resolveTreasuryException: (input: { exceptionId: string; reason: string }, ctx: CommandContext) =>
    handle(deps, ctx, 'ResolveTreasuryException', input, (env) => ({
      stream: treasuryExceptionStream(input.exceptionId),
      decider: treasuryExceptionDecider,
      command: async () => {
        const look = lookups(deps);
        await look.catchUp();
        return {
          type: 'ResolveTreasuryException' as const,
          data: { ...input, exception: look.exception(input.exceptionId), resolvedBy: ctx.actorId, now: env.now },
        };
      },
      ids: { exceptionId: input.exceptionId },
    })),

  /** A second person of Finance confirms a resolution (四眼原则). Returns `{ exceptionId }`. */
  confirmTreasuryResolution: (input: { exceptionId: string }, ctx: CommandContext) =>
    handle(deps, ctx, 'ConfirmTreasuryResolution', input, (env) => ({
      stream: treasuryExceptionStream(input.exceptionId),
      decider: treasuryExceptionDecider,
      command: () => ({ type: 'ConfirmTreasuryResolution' as const, data: { ...input, confirmedBy: ctx.actorId, now: env.now } }),
      ids: { exceptionId: input.exceptionId },
    })),
});

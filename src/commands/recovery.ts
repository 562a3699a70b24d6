/**
 * Recovery at start: find the approvals a crash left half-done, by one scan of the log, and
 * complete or compensate each. "Half-done" is what the approval process (src/approval/process.ts)
 * says has a next step: still approving, or abandoned and still holding a reservation.
 */
import { type ApprovalProgress, evolve, initialProgress, isUnfinished } from '../approval/process.js';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../eventstore/port.js';
import { type ApprovalOutcome, resumeApproval } from './approval.js';
import type { CommandDeps } from './envelope.js';

const PAGE = 1000;
/** The name of recovery's low-water mark among the snapshots: no approval before it is unfinished. */
const MARK = 'recovery';

/** Every approval seen so far: its application, where it stands, and the log position just before it started. */
type Scan = Map<string, { applicationId: string; progress: ApprovalProgress; startedAfter: Position | undefined }>;

function track(scan: Scan, event: RecordedEvent, previous: Position | undefined): void {
  const { applicationId, approvalId } = event.data as { applicationId?: string; approvalId?: string };
  if (applicationId === undefined || approvalId === undefined) return;
  const seen = scan.get(approvalId) ?? { applicationId, progress: initialProgress(approvalId), startedAfter: previous };
  scan.set(approvalId, { ...seen, progress: evolve(seen.progress, event) });
}

export interface PendingApprovals {
  /** Applications with an approval still "approving", or an abandoned one whose reservations were not all released. */
  applicationIds: string[];
  /** Where a later scan may start: before the earliest unfinished approval, or the end of this scan. */
  resumeAfter: Position | undefined;
}

/** Scans the log after `after` for approvals a crash left unfinished (the approval process says what is). */
export async function scanForPendingApprovals(store: EventStore, after?: Position): Promise<PendingApprovals> {
  const scan: Scan = new Map();
  let last = after;
  for (;;) {
    const page = await store.readAll({ after: last, maxCount: PAGE });
    for (const event of page) {
      track(scan, event, last);
      last = event.position;
    }
    if (page.length < PAGE) break;
  }
  const unfinished = [...scan.values()].filter(({ progress }) => isUnfinished(progress));
  const earliest = unfinished.map((u) => u.startedAfter).sort((a, b) => (a === undefined ? -1 : b === undefined ? 1 : comparePositions(a, b)))[0];
  return { applicationIds: [...new Set(unfinished.map(({ applicationId }) => applicationId))], resumeAfter: unfinished.length > 0 ? earliest : last };
}

export const findPendingApprovals = async (store: EventStore) => (await scanForPendingApprovals(store)).applicationIds;

/** What to do with an approval recovery could not finish (the store briefly unreachable, a race lost every time). */
export type RecoveryFailure = (applicationId: string, error: unknown) => void;

const failLoudly: RecoveryFailure = (_applicationId, error) => {
  throw error;
};

/**
 * Completes or compensates every approval a crash left half-done. With snapshots, the scan
 * starts at the low-water mark the last one left (never past the log's head: a ledger restored
 * from an older backup is scanned whole). An approval that cannot be finished now goes to
 * `onFailure` (by default, it fails the recovery).
 */
export async function recoverPendingApprovals(deps: CommandDeps, onFailure: RecoveryFailure = failLoudly): Promise<ApprovalOutcome[]> {
  const head = await deps.store.headPosition();
  const mark = deps.snapshots?.mark(MARK);
  const after = mark !== undefined && head !== undefined && comparePositions(mark, head) <= 0 ? mark : undefined;
  const pending = await scanForPendingApprovals(deps.store, after);
  const outcomes: ApprovalOutcome[] = [];
  for (const applicationId of pending.applicationIds) {
    try {
      outcomes.push(await resumeApproval(deps, applicationId));
    } catch (error) {
      onFailure(applicationId, error);
    }
  }
  // The mark lies before every approval found unfinished, so one not finished now is scanned again.
  if (pending.resumeAfter !== undefined) deps.snapshots?.setMark(MARK, pending.resumeAfter);
  return outcomes;
}

/**
 * Recovery at start: find the approvals a crash left half-done, by one scan of the log, and
 * complete or compensate each. "Half-done" is what the approval process (src/approval/process.ts)
 * says has a next step: still approving, or abandoned and still holding a reservation.
 */
import { type ApprovalProgress, evolve, initialProgress, isUnfinished } from '../approval/process.js';
import type { EventStore, Position, RecordedEvent } from '../eventstore/port.js';
import { type ApprovalOutcome, resumeApproval } from './approval.js';
import type { CommandDeps } from './envelope.js';

const PAGE = 1000;

/** Every approval seen so far, with its application. */
type Scan = Map<string, { applicationId: string; progress: ApprovalProgress }>;

function track(scan: Scan, event: RecordedEvent): void {
  const { applicationId, approvalId } = event.data as { applicationId?: string; approvalId?: string };
  if (applicationId === undefined || approvalId === undefined) return;
  const seen = scan.get(approvalId) ?? { applicationId, progress: initialProgress(approvalId) };
  scan.set(approvalId, { applicationId, progress: evolve(seen.progress, event) });
}

/** Applications with an approval still "approving", or an abandoned one whose reservations were not all released. */
export async function findPendingApprovals(store: EventStore): Promise<string[]> {
  const scan: Scan = new Map();
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    page.forEach((event) => track(scan, event));
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.position;
  }
  const unfinished = [...scan.values()].filter(({ progress }) => isUnfinished(progress));
  return [...new Set(unfinished.map(({ applicationId }) => applicationId))];
}

export async function recoverPendingApprovals(deps: CommandDeps): Promise<ApprovalOutcome[]> {
  const outcomes: ApprovalOutcome[] = [];
  for (const applicationId of await findPendingApprovals(deps.store)) outcomes.push(await resumeApproval(deps, applicationId));
  return outcomes;
}

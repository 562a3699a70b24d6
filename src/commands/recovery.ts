/**
 * Recovery at start: find the approvals a crash left half-done, by one scan of the log, and
 * complete or compensate each.
 */
import type { EventStore, Position, RecordedEvent } from '../eventstore/port.js';
import { type ApprovalOutcome, resumeApproval } from './approval.js';
import type { LedgerDeps } from './context.js';

const PAGE = 1000;
const HOLDS = new Set(['FactClaimed', 'EntitlementReserved', 'BudgetCommitted']);
const RELEASES = new Set(['FactClaimReleased', 'EntitlementReleased', 'BudgetReleased']);

/** What the scan keeps: approvals still running, and what each approval still holds. */
interface Scan {
  approving: Map<string, string>;
  holds: Map<string, { applicationId: string; count: number }>;
  abandoned: Set<string>;
}

function track(scan: Scan, event: RecordedEvent): void {
  const { applicationId, approvalId } = event.data as { applicationId?: string; approvalId?: string };
  if (applicationId === undefined || approvalId === undefined) return;
  if (event.type === 'ApprovalStarted') scan.approving.set(applicationId, approvalId);
  if (event.type === 'ApplicationApproved' || event.type === 'ApprovalAbandoned') scan.approving.delete(applicationId);
  if (event.type === 'ApprovalAbandoned') scan.abandoned.add(approvalId);
  const delta = HOLDS.has(event.type) ? 1 : RELEASES.has(event.type) ? -1 : 0;
  if (delta !== 0) {
    const held = scan.holds.get(approvalId) ?? { applicationId, count: 0 };
    scan.holds.set(approvalId, { applicationId, count: held.count + delta });
  }
}

/** Applications with an approval still "approving", or an abandoned one whose reservations were not all released. */
export async function findPendingApprovals(store: EventStore): Promise<string[]> {
  const scan: Scan = { approving: new Map(), holds: new Map(), abandoned: new Set() };
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    page.forEach((event) => track(scan, event));
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.position;
  }
  const leftovers = [...scan.abandoned]
    .map((approvalId) => scan.holds.get(approvalId))
    .filter((held) => held !== undefined && held.count > 0)
    .map((held) => held!.applicationId);
  return [...new Set([...scan.approving.keys(), ...leftovers])];
}

export async function recoverPendingApprovals(deps: LedgerDeps): Promise<ApprovalOutcome[]> {
  const outcomes: ApprovalOutcome[] = [];
  for (const applicationId of await findPendingApprovals(deps.store)) outcomes.push(await resumeApproval(deps, applicationId));
  return outcomes;
}

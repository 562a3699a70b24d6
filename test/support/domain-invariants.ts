/**
 * DOMAIN.md's money invariants, checked on the raw log (not through the deciders, so a bug in
 * a decider cannot hide itself). Returns the violations found, in words.
 */
import type { BenefitLineDefinition } from '../../src/catalog/catalog.js';
import type { LedgerEvent } from '../../src/events.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';

interface Hold {
  key: string;
  amountFen: number;
  active: boolean;
  lineCode?: string;
  creditCode?: string;
  fiscalYear?: number;
}

interface Grant {
  requestedFen: number;
  approvedFen?: number;
  approving: boolean;
  disbursedFen: number;
  clawbacks: Map<string, { demandedFen: number; repaidFen: number; waivedFen: number }>;
}

class Log {
  lines = new Map<string, BenefitLineDefinition>();
  allocated = new Map<string, number>();
  /** By approval id, per kind of reservation. */
  budget = new Map<string, Hold>();
  claims = new Map<string, Hold>();
  entitlements = new Map<string, Hold>();
  approved = new Map<string, { applicationId: string; amountFen: number; budgetLineId: string }>();
  /** One approval id approving two applications: each would count the other's reservations as its own. */
  sharedApprovals: string[] = [];
  grants = new Map<string, Grant>();

  apply(event: LedgerEvent, stream: string): void {
    const grant = (id: string) => this.grants.get(id)!;
    switch (event.type) {
      case 'BenefitLineDefined':
        return void this.lines.set(event.data.lineCode, event.data);
      case 'BenefitLineAmended':
        return void this.lines.set(event.data.lineCode, { ...this.lines.get(event.data.lineCode)!, ...event.data.changes });
      case 'BudgetAllocated':
        return void this.allocated.set(event.data.budgetLineId, event.data.amountFen);
      case 'BudgetAdjusted':
        return void this.allocated.set(event.data.budgetLineId, this.allocated.get(event.data.budgetLineId)! + event.data.deltaFen);
      case 'BudgetCommitted':
        return void this.budget.set(event.data.approvalId, { key: event.data.budgetLineId, amountFen: event.data.amountFen, active: true });
      case 'FactClaimed': {
        const { approvalId, lineCode, creditCode, fiscalYear } = event.data;
        return void this.claims.set(approvalId, { key: stream, amountFen: 0, active: true, lineCode, creditCode, fiscalYear });
      }
      case 'EntitlementReserved': {
        const { approvalId, lineCode, creditCode, fiscalYear, amountFen } = event.data;
        return void this.entitlements.set(approvalId, { key: `${lineCode}/${creditCode}`, amountFen, active: true, lineCode, creditCode, fiscalYear });
      }
      case 'BudgetReleased':
        return void (this.budget.get(event.data.approvalId)!.active = false);
      case 'FactClaimReleased':
        return void (this.claims.get(event.data.approvalId)!.active = false);
      case 'EntitlementReleased':
        return void (this.entitlements.get(event.data.approvalId)!.active = false);
      case 'ApplicationSubmitted':
        return void this.grants.set(event.data.applicationId, { requestedFen: event.data.requestedFen, approving: false, disbursedFen: 0, clawbacks: new Map() });
      case 'ApprovalStarted':
        return void (grant(event.data.applicationId).approving = true);
      case 'ApprovalAbandoned':
        return void (grant(event.data.applicationId).approving = false);
      case 'ApplicationApproved': {
        const { approvalId, applicationId, amountFen, budgetLineId } = event.data;
        const other = this.approved.get(approvalId);
        if (other && other.applicationId !== applicationId) this.sharedApprovals.push(`approval ${approvalId} approves ${other.applicationId} and ${applicationId}`);
        this.approved.set(approvalId, { applicationId, amountFen, budgetLineId });
        Object.assign(grant(applicationId), { approving: false, approvedFen: amountFen });
        return;
      }
      case 'DisbursementRecorded':
        return void (grant(event.data.applicationId).disbursedFen += event.data.amountFen);
      case 'ClawbackDemanded':
        return void grant(event.data.applicationId).clawbacks.set(event.data.clawbackId, { demandedFen: event.data.amountFen, repaidFen: 0, waivedFen: 0 });
      case 'ClawbackRepaid':
        return void (grant(event.data.applicationId).clawbacks.get(event.data.clawbackId)!.repaidFen += event.data.amountFen);
      case 'ClawbackWaived':
        return void (grant(event.data.applicationId).clawbacks.get(event.data.clawbackId)!.waivedFen += event.data.amountFen);
      default:
        return;
    }
  }
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const active = (holds: Map<string, Hold>) => [...holds.entries()].filter(([, h]) => h.active);

/** Neither the line's commitments nor the approvals booked on it (which never give money back) exceed what was allocated. */
function budgetViolations(log: Log): string[] {
  return [...log.allocated.entries()].flatMap(([id, allocated]) => {
    const committed = sum(active(log.budget).filter(([, h]) => h.key === id).map(([, h]) => h.amountFen));
    const approved = sum([...log.approved.values()].filter((a) => a.budgetLineId === id).map((a) => a.amountFen));
    return [
      ...(allocated - committed < 0 ? [`${id}: allocated ${allocated} < committed ${committed}`] : []),
      ...(allocated - approved < 0 ? [`${id}: allocated ${allocated} < approved ${approved}`] : []),
    ];
  });
}

function approvalViolations(log: Log): string[] {
  return [...log.approved.entries()].flatMap(([approvalId, { applicationId, amountFen }]) => {
    const problems: string[] = [];
    const budget = log.budget.get(approvalId);
    if (!budget?.active || budget.amountFen !== amountFen) problems.push(`approval of ${applicationId} without its money committed`);
    if (!log.claims.get(approvalId)?.active) problems.push(`approval of ${applicationId} without its fact claimed`);
    if (!log.entitlements.get(approvalId)?.active) problems.push(`approval of ${applicationId} without its entitlement reserved`);
    return problems;
  });
}

function grantViolations(log: Log): string[] {
  return [...log.grants.entries()].flatMap(([id, g]) => {
    const problems: string[] = [];
    if (g.approvedFen !== undefined && g.approvedFen > g.requestedFen) problems.push(`${id}: approved more than requested`);
    if (g.disbursedFen > (g.approvedFen ?? 0)) problems.push(`${id}: disbursed ${g.disbursedFen} > approved ${g.approvedFen ?? 0}`);
    const demanded = sum([...g.clawbacks.values()].map((c) => c.demandedFen));
    if (demanded > g.disbursedFen) problems.push(`${id}: clawed back ${demanded} > paid ${g.disbursedFen}`);
    for (const [cid, c] of g.clawbacks) {
      if (c.repaidFen + c.waivedFen > c.demandedFen) problems.push(`${id}/${cid}: repaid and waived more than demanded`);
    }
    return problems;
  });
}

/** A line paid yearly (a yearly cap, or once a year) may rest on one fact once in each fiscal year. */
function oneAwardAYear(log: Log, holds: Hold[]): boolean {
  const line = log.lines.get(holds[0]!.lineCode!)!;
  const yearly = line.rule.kind === 'cost-share' || line.frequency === 'once-per-beneficiary-per-year';
  const years = new Set(holds.map((h) => h.fiscalYear));
  return yearly && holds.every((h) => h.lineCode === line.lineCode) && years.size === holds.length;
}

function claimViolations(log: Log): string[] {
  const byFact = new Map<string, Hold[]>();
  for (const [, hold] of active(log.claims)) byFact.set(hold.key, [...(byFact.get(hold.key) ?? []), hold]);
  return [...byFact.entries()].flatMap(([fact, holds]) => {
    if (holds.length === 1 || oneAwardAYear(log, holds)) return [];
    const companions = holds.filter((h) => log.lines.get(h.lineCode!)?.companionOf !== undefined);
    const principals = holds.filter((h) => companions.some((c) => log.lines.get(c.lineCode!)!.companionOf === h.lineCode && c.creditCode === h.creditCode));
    const paired = holds.length === 2 && companions.length === 1 && principals.length === 1;
    return paired ? [] : [`${fact} backs ${holds.length} awards: ${holds.map((h) => h.lineCode).join(', ')}`];
  });
}

function entitlementViolations(log: Log): string[] {
  const groups = new Map<string, Hold[]>();
  for (const [, hold] of active(log.entitlements)) groups.set(hold.key, [...(groups.get(hold.key) ?? []), hold]);
  return [...groups.entries()].flatMap(([key, holds]) => {
    const line = log.lines.get(holds[0]!.lineCode!)!;
    const years = new Set(holds.map((h) => h.fiscalYear));
    const problems: string[] = [];
    if (line.frequency === 'once-per-beneficiary' && holds.length > 1) problems.push(`${key}: awarded ${holds.length} times`);
    if (line.frequency === 'once-per-beneficiary-per-year' && years.size < holds.length) problems.push(`${key}: awarded twice in a year`);
    if (line.rule.kind === 'cost-share') {
      const cap = line.rule.yearlyCapFen;
      for (const year of years) {
        const total = sum(holds.filter((h) => h.fiscalYear === year).map((h) => h.amountFen));
        if (total > cap) problems.push(`${key}: ${total} in ${year}, over the cap ${cap}`);
      }
    }
    return problems;
  });
}

/** What holds after recovery: nothing reserved without an approval, nothing left "approving". */
function settledViolations(log: Log): string[] {
  const orphans = [log.budget, log.claims, log.entitlements].flatMap((holds) =>
    active(holds).filter(([approvalId]) => !log.approved.has(approvalId)).map(([approvalId]) => `approval ${approvalId} holds a reservation without being approved`),
  );
  const approving = [...log.grants.entries()].filter(([, g]) => g.approving).map(([id]) => `${id} is still approving`);
  return [...orphans, ...approving];
}

export function moneyInvariantViolations(events: RecordedEvent[], options: { settled: boolean }): string[] {
  const log = new Log();
  for (const event of events) log.apply(event as unknown as LedgerEvent, event.stream);
  return [
    ...log.sharedApprovals,
    ...budgetViolations(log),
    ...approvalViolations(log),
    ...grantViolations(log),
    ...claimViolations(log),
    ...entitlementViolations(log),
    ...(options.settled ? settledViolations(log) : []),
  ];
}

/** Committed money per budget line (approved and not released), for assertions in the policy's numbers. */
export function committedByBudgetLine(events: RecordedEvent[]): Map<string, number> {
  const log = new Log();
  for (const event of events) log.apply(event as unknown as LedgerEvent, event.stream);
  const committed = new Map<string, number>();
  for (const [, hold] of active(log.budget)) committed.set(hold.key, (committed.get(hold.key) ?? 0) + hold.amountFen);
  return committed;
}

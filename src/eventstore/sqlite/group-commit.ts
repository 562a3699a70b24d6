/**
 * Group commit: the jobs submitted during one turn of the event loop are written by one call of
 * `commit` (one transaction, one fsync). The flush runs on the next macrotask (`setImmediate`),
 * so a lone job waits for no timer, only for the rest of the current turn. `commit` answers each
 * job on its own; if it throws, every job of the group fails with that error. Callers are
 * settled only once `commit` has returned, that is after COMMIT.
 */
import { performance } from 'node:perf_hooks';

/** One job's answer from a committed group: its result, or the refusal that failed it alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitStats {
  /** Groups committed: one transaction, and one fsync, each. */
  commits: number;
  /** Jobs answered by those commits, written or refused alone. */
  jobs: number;
  /** Milliseconds spent writing and committing them: the event loop is blocked that long (better-sqlite3 is synchronous). */
  busyMs: number;
}

interface Pending<J, R> {
  job: J;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommit<J, R> {
  private queue: Pending<J, R>[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly counts: GroupCommitStats = { commits: 0, jobs: 0, busyMs: 0 };

  constructor(
    /** Writes the jobs in one transaction, in order; returns one outcome per job. */
    private readonly commit: (jobs: J[]) => Outcome<R>[],
    private readonly afterCommit: () => void,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Writes every queued job now; closing calls it, so no caller is left waiting. */
  flush(): void {
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: Outcome<R>[];
    const started = performance.now();
    try {
      outcomes = this.commit(group.map((pending) => pending.job));
    } catch (error) {
      group.forEach((pending) => pending.reject(error));
      return;
    } finally {
      this.counts.busyMs += performance.now() - started;
    }
    this.counts.commits += 1;
    this.counts.jobs += group.length;
    group.forEach((pending, i) => settle(pending, outcomes[i]!));
    this.afterCommit();
  }

  get stats(): GroupCommitStats {
    return { ...this.counts };
  }
}

function settle<R>(pending: Pending<unknown, R>, outcome: Outcome<R>): void {
  if (outcome.ok) pending.resolve(outcome.value);
  else pending.reject(outcome.error);
}

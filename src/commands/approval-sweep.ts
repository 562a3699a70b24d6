/**
 * The approval sweep: while the API runs, approvals left "approving" (a lost race, the store
 * briefly unreachable, another instance that died mid-approval) are completed or compensated
 * without waiting for a restart, and approvals abandoned lately have their releases finished
 * (a process that died while compensating leaves them held). Resuming is safe at any time: every
 * step is idempotent and only the application's stream decides the outcome
 * (docs/approval-process.md).
 */
export interface SweepWindow {
  /** Approvals that started before this instant and have not ended. */
  startedBefore: string;
  /** Approvals abandoned in [abandonedSince, startedBefore): each passes through a few sweeps. */
  abandonedSince: string;
}

export interface ApprovalSweepOptions {
  /** Applications with an approval the window takes, each once. */
  findUnfinished(window: SweepWindow): string[];
  resume(applicationId: string): Promise<unknown>;
  onError(applicationId: string, error: unknown): void;
  clock: () => Date;
  /** How old an approval must be before the sweep takes it over (ms). */
  staleAfterMs?: number;
  intervalMs?: number;
}

export interface ApprovalSweep {
  /** One pass; resolves with the applications it resumed. */
  sweep(): Promise<string[]>;
  stop(): Promise<void>;
}

export function startApprovalSweep(options: ApprovalSweepOptions): ApprovalSweep {
  const { staleAfterMs = 60_000, intervalMs = 30_000 } = options;
  let running: Promise<string[]> = Promise.resolve([]);

  async function pass(): Promise<string[]> {
    const before = options.clock().getTime() - staleAfterMs;
    // Two intervals wide: an abandonment is looked at in two passes, however the timer drifts.
    const window = { startedBefore: new Date(before).toISOString(), abandonedSince: new Date(before - 2 * intervalMs).toISOString() };
    const stale = options.findUnfinished(window);
    for (const applicationId of stale) {
      await options.resume(applicationId).catch((error: unknown) => options.onError(applicationId, error));
    }
    return stale;
  }

  const sweep = () => (running = running.then(pass));
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The approval sweep: while the API runs, approvals left "approving" (a lost race, the store
 * briefly unreachable, another instance that died mid-approval) are completed or compensated
 * without waiting for a restart. Resuming is safe at any time: every step is idempotent and only
 * the application's stream decides the outcome (docs/approval-process.md).
 */
export interface ApprovalSweepOptions {
  /** Applications whose approval started before the instant and has not ended. */
  findStale(startedBefore: string): string[];
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
    const startedBefore = new Date(options.clock().getTime() - staleAfterMs).toISOString();
    const stale = options.findStale(startedBefore);
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

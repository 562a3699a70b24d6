/**
 * The approval sweep: while the API runs, approvals left "approving" (a lost race, the store
 * briefly unreachable, another instance that died mid-approval) are completed or compensated
 * without waiting for a restart, and abandoned approvals that still hold a reservation have their
 * releases finished (a process that died while compensating leaves them held). Resuming is safe at any time: every
 * step is idempotent and only the application's stream decides the outcome
 * (docs/approval-process.md).
 */
export interface ApprovalSweepOptions {
  /** Applications, each once, with an approval left unfinished before this instant (ISO): pending, or abandoned still holding. */
  findUnfinished(before: string): string[];
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
    // Only approvals older than this: a younger one is still in the hands of the command that runs it.
    const stale = options.findUnfinished(new Date(options.clock().getTime() - staleAfterMs).toISOString());
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

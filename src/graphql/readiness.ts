/** `/readyz`: the store answers and every projection has caught up with the log and not failed. */
import type { ProjectionRunner } from '../readmodel/runner.js';
import type { Readiness } from './http-server.js';

export async function projectionReadiness(runner: ProjectionRunner): Promise<Readiness> {
  let lag;
  try {
    lag = await runner.lag();
  } catch (error) {
    return { ready: false, details: { store: `unreachable: ${(error as Error).message}` } };
  }
  const failed = runner.status().filter((s) => s.state === 'failed');
  const projections = lag.projections.map((p) => ({
    name: p.name,
    position: p.position ?? null,
    caughtUp: p.caughtUp,
    behindBy: String(p.behindBy),
  }));
  const ready = failed.length === 0 && lag.projections.every((p) => p.caughtUp);
  return {
    ready,
    details: { head: lag.head ?? null, projections, ...(failed.length ? { failed: failed.map((f) => f.failure) } : {}) },
  };
}

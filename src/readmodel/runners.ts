/**
 * Runners of several read stores as one (read-stores.ts): each follows the log into its own
 * file; together they are served, caught up or stopped once all of them are.
 */
import type { Position } from '../eventstore/port.js';
import { createProjectionRunner, type Lag, type ProjectionRunner, type RunnerOptions } from './runner.js';

const later = (a: Position | undefined, b: Position | undefined) => (a === undefined ? b : b === undefined || a > b ? a : b);

export function createProjectionRunners(options: RunnerOptions[]): ProjectionRunner {
  const runners = options.map(createProjectionRunner);
  const all = async (work: (runner: ProjectionRunner) => Promise<void>) => void (await Promise.all(runners.map(work)));
  return {
    start: () => all((r) => r.start()),
    stop: () => all((r) => r.stop()),
    status: () => runners.flatMap((r) => r.status()),
    lag: async (): Promise<Lag> => {
      const lags = await Promise.all(runners.map((r) => r.lag()));
      return { head: lags.map((l) => l.head).reduce(later), projections: lags.flatMap((l) => l.projections) };
    },
    waitFor: (position) => all((r) => r.waitFor(position)),
    catchUp: () => all((r) => r.catchUp()),
  };
}

/** For tests and benchmarks of the API's executor (src/graphql/compiled-execution.ts). */
import { RUNS_BEFORE_COMPILING } from '../../src/graphql/compiled-execution.js';

/**
 * Runs an operation as many times as the API runs it before compiling it, then once more, and
 * answers that last run's answer: the compiled one, where the operation compiles.
 */
export async function compiledAnswer<T>(run: () => Promise<T> | T): Promise<T> {
  for (let runs = 0; runs < RUNS_BEFORE_COMPILING; runs++) await run();
  return run();
}

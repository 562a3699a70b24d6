/** Small helpers every benchmark shares: argument flags, timing, rates, the closing JSON line. */
import { performance } from 'node:perf_hooks';

export const hasFlag = (name: string) => process.argv.includes(`--${name}`);

export function flagValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

export const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
export const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** Samples the resident set size while work runs; returns the peak in MiB. */
export function peakRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
    },
  };
}

export function printResult(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}

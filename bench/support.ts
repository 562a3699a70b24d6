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

/** The median of each figure over runs measured alike (rounds of one benchmark): steadier on a shared machine than any one run. */
export function medians<T extends object>(runs: T[]): T {
  const median = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
  };
  const keys = Object.keys(runs[0]!) as (keyof T)[];
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key] as number))])) as T;
}

/** `--rounds R`: how many rounds a benchmark measures (default 3), a whole number from 1. */
export function roundsFlag(): number {
  const rounds = Number(flagValue('rounds') ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number from 1, not ${flagValue('rounds')}`);
  return rounds;
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

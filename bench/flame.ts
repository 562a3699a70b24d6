/**
 * A CPU profile of some work under V8's sampling profiler, and its text flame graph: the frames
 * with the most self time and the most total time, and self time by package. Shared by the
 * profiles of the auditors' page (page-profile.ts) and of a full rebuild (rebuild-profile.ts);
 * the .cpuprofile they can write opens in Chrome DevTools or speedscope.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const TOP = 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const frameOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').split('/').slice(-2).join('/')}:${lineNumber + 1}`;

const packageOf = ({ callFrame: { functionName, url } }: ProfileNode) =>
  /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('file:') ? 'the project' : url ? 'node' : functionName);

/** Self and total samples per frame (a frame counts once per sample however deep it recurs). */
function flameTable(profile: Profile): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id] as const)));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const sample of profile.samples) {
    const leaf = nodes.get(sample)!;
    add(self, frameOf(leaf));
    add(packages, packageOf(leaf));
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parents.get(id)) seen.add(frameOf(nodes.get(id)!));
    for (const frame of seen) add(total, frame);
  }
  const share = (count: number) => `${((100 * count) / profile.samples.length).toFixed(1).padStart(5)}%`;
  const top = (title: string, map: Map<string, number>) =>
    [`${title}:`, ...[...map].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([key, count]) => `  ${share(count)}  ${key}`)].join('\n');
  return [top('self time by package', packages), top('self time by frame', self), top('total time by frame', total)].join('\n');
}

/**
 * Runs `work` under the profiler; returns its CPU time in µs (profiler included) and the flame
 * graph as text, and writes the .cpuprofile to `out` when given.
 */
export async function profiled(work: () => Promise<void>, out?: string): Promise<{ cpuMicros: number; flameGraph: string }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const before = process.cpuUsage();
  await work();
  const cpu = process.cpuUsage(before);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (out) writeFileSync(out, JSON.stringify(profile));
  return { cpuMicros: cpu.user + cpu.system, flameGraph: flameTable(profile as Profile) };
}

/**
 * Where the auditors' page spends its CPU: `tsx bench/page-profile.ts [--pages 600] [--clients 16]
 * [--out page.cpuprofile]`. Runs the `DisbursementPage` example (100 rows) in-process as the server
 * runs it (a context per request, the document parsed and validated once, the result stringified),
 * `clients` at a time as bench:api's clients load the server, under V8's sampling profiler; prints
 * the CPU per page and a text flame graph: the frames with the most self time and the most total
 * time, and self time by package. The .cpuprofile opens in Chrome DevTools or speedscope.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { execute } from 'graphql';
import { pino } from 'pino';
import { contextFor } from '../src/graphql/context.js';
import { example } from '../src/graphql/examples.js';
import { buildLedgerSchema } from '../src/graphql/schema.js';
import { requestContextMaker } from '../src/graphql/server.js';
import { auditorToken, openBenchLedger, verifyToken } from './api-data.js';
import { prepareOperation } from './bare-graphql-server.js';
import { flagValue } from './support.js';

const PAGES = Number(flagValue('pages') ?? 600);
const CLIENTS = Number(flagValue('clients') ?? 16);
const OUT = flagValue('out');
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

const logger = pino({ level: 'silent' });
const { app, close } = await openBenchLedger(60, logger);
try {
  const schema = await buildLedgerSchema();
  const document = prepareOperation(schema, example('DisbursementPage'));
  const context = requestContextMaker({ verifyToken, contextFor: contextFor(app.services) });
  const authorization = `Bearer ${await auditorToken}`;
  const page = async () => {
    const result = await execute({ schema, document, contextValue: await context(authorization, randomUUID()), variableValues: { first: 100 } });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    JSON.stringify(result);
  };
  const run = async (pages: number) => {
    let left = pages;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) await page();
    }));
  };
  await run(PAGES / 3);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const before = process.cpuUsage();
  await run(PAGES);
  const cpu = process.cpuUsage(before);
  const { profile } = await session.post('Profiler.stop');
  if (OUT) writeFileSync(OUT, JSON.stringify(profile));
  console.log(`${PAGES} pages, ${CLIENTS} at a time: ${Math.round((cpu.user + cpu.system) / PAGES)} µs of CPU per page (profiler included)`);
  console.log(flameTable(profile as Profile));
} finally {
  await close();
}

/**
 * bench:audit — what the audit tree costs and how fast its proofs and its verifier are.
 *
 * Loads N lifecycle events (1,000,000; `--events N`) into the embedded store, then in one run:
 * - the tree's share of a full rebuild: every projection with it (the tree in its own file, as the
 *   application keeps it), and without it, each into fresh files (target: the tree adds at most 15%); R pairs of rebuilds (`--rounds R`, 3
 *   unless given) in alternating order, for a busy machine: the median share is the figure, and
 *   the range is shown;
 *   the tree catches up on a thread of its own (src/audit/tree-catch-up.ts), or with `--in-thread`
 *   on the runner's thread, to compare;
 * - inclusion and consistency proofs of random leaves and sizes read from the rebuilt tree, p50
 *   and p99 (target: p99 under 1 ms);
 * - the offline verifier over a journal of the log, against a control in the same run that reads
 *   the same file and only hashes the same canonical bytes with SHA-256 (target: ≥ 0.5× the control).
 * The last line is one JSON object with `targetsMet`.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { merkleTree } from '../projections/merkle-tree/merkle-tree.js';
import { merkleTreeQueries } from '../projections/merkle-tree/queries.js';
import { signHead } from '../src/audit/head.js';
import { eachLine, splitLine } from '../src/audit/journal.js';
import { exportJournal } from '../src/audit/journal-export.js';
import { verifyJournal } from '../src/audit/verify-journal.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import type { EventStore } from '../src/eventstore/port.js';
import { auditTreeProjections, ledgerProjections, readModelProjections } from '../src/readmodel/ledger-projections.js';
import { openReadStore, type ReadStore } from '../src/readmodel/read-store.js';
import { auditTreeFileBeside, openReadStores } from '../src/readmodel/read-stores.js';
import { createProjectionRunner } from '../src/readmodel/runner.js';
import { createProjectionRunners } from '../src/readmodel/runners.js';
import { lifecycleEvents } from '../test/readmodel/support/lifecycle.js';
import { loadLog, measured, toHead } from './rebuild.js';
import { flagValue, perSecond, printResult, ratio, timed } from './support.js';

const N = Number(flagValue('events') ?? 1_000_000);
const PROOFS = Number(flagValue('proofs') ?? 5_000);
const ROUNDS = Number(flagValue('rounds') ?? 3);
const IN_THREAD = process.argv.includes('--in-thread');

/** The tree, caught up apart unless `--in-thread`. */
const treeProjections = IN_THREAD ? [{ ...merkleTree, catchUpApart: undefined }] : auditTreeProjections;

/**
 * CPU seconds of the runner's thread (this one) so far, from Linux's /proc/thread-self/stat
 * (utime + stime, in ticks of 1/100 s); NaN elsewhere. On a machine other work keeps busy, the
 * wall clock of a rebuild says how much CPU it got; this says what it cost the thread a rebuild runs on.
 */
function runnerThreadCpu(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const onError = (e: Error) => console.error(e);

/** The read models of `file`, and the tree beside it `withTree`, rebuilt from the start of the log. */
async function rebuildInto(store: EventStore, file: string, withTree: boolean) {
  const cpuBefore = runnerThreadCpu();
  const run = await measured(async () => {
    if (!withTree) {
      const readStore = openReadStore({ file });
      await toHead(createProjectionRunner({ store, readStore, projections: readModelProjections, onError }));
      return readStore.close();
    }
    const { models, tree, close } = openReadStores(file);
    await toHead(createProjectionRunners([{ store, readStore: models, projections: readModelProjections, onError }, { store, readStore: tree, projections: treeProjections, onError }]));
    close();
  });
  return { ...run, runnerCpu: runnerThreadCpu() - cpuBefore };
}

/**
 * Rebuilds without the tree and with it, ROUNDS times, alternating which comes first; each into a
 * fresh read store (the tree of the last one with it stays beside with.db for the proofs). The
 * figures of the median round, and every round's share.
 */
async function rebuildsWithAndWithout(store: EventStore, dir: string) {
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const file of [join(dir, 'without.db'), join(dir, 'with.db'), auditTreeFileBeside(join(dir, 'with.db'))]) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const first = round % 2 === 0 ? 'without' : 'with';
    const rebuildWithout = () => rebuildInto(store, join(dir, 'without.db'), false);
    const rebuildWith = () => rebuildInto(store, join(dir, 'with.db'), true);
    const without = first === 'without' ? await rebuildWithout() : undefined;
    const withIt = await rebuildWith();
    const pair = { without: without ?? (await rebuildWithout()), withTree: withIt };
    console.log(`rebuild without the tree: ${pair.without.seconds.toFixed(2)} s, runner's thread ${pair.without.runnerCpu.toFixed(2)} s of CPU (${readModelProjections.length} projections)`);
    console.log(`rebuild with the tree:    ${withIt.seconds.toFixed(2)} s, runner's thread ${withIt.runnerCpu.toFixed(2)} s of CPU (${ledgerProjections.length} projections, the tree ${IN_THREAD ? 'on the runner\'s thread' : 'on its own thread'})`);
    const share = ratio(withIt.seconds - pair.without.seconds, pair.without.seconds);
    const cpuShare = ratio(withIt.runnerCpu - pair.without.runnerCpu, pair.without.runnerCpu);
    rounds.push({ ...pair, share, cpuShare });
  }
  const shares = rounds.map((r) => r.share);
  return { ...[...rounds].sort((a, b) => a.share - b.share)[Math.floor(ROUNDS / 2)]!, shares, cpuShares: rounds.map((r) => r.cpuShare) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds at the given quantile. */
const quantile = (sorted: number[], q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 1000) / 1000;

function latencies(run: () => void): { p50: number; p99: number } {
  const times: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

function proofLatencies(readStore: ReadStore, size: number) {
  const tree = merkleTreeQueries(readStore);
  const random = (below: number) => Math.floor(Math.random() * below);
  for (let i = 0; i < 200; i++) tree.inclusionProof(random(size), size); // warm the statements and the page cache
  return {
    inclusionMs: latencies(() => tree.inclusionProof(random(size), size)),
    consistencyMs: latencies(() => tree.consistencyProof(1 + random(size - 1), size)),
  };
}

/** The control: the same file read the same way, only SHA-256 of each line's canonical bytes. */
async function hashOnly(journal: string): Promise<number> {
  let lines = 0;
  await eachLine(journal, (line) => {
    createHash('sha256').update(splitLine(line)!.canonical).digest();
    lines += 1;
  });
  return lines;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  console.log(`bench:audit — ${N.toLocaleString('en')} lifecycle events, embedded store`);
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  try {
    const events = (await loadLog(store, lifecycleEvents(N)));
    console.log(`loaded ${events.toLocaleString('en')} events`);
    const { without, withTree, shares, cpuShares } = await rebuildsWithAndWithout(store, dir);
    const treeShare = median(shares);
    if (ROUNDS > 1) console.log(`tree's share over ${ROUNDS} rounds: median ${treeShare}, from ${Math.min(...shares)} to ${Math.max(...shares)}`);
    console.log(`tree's share of the runner's thread's CPU: median ${median(cpuShares)}, from ${Math.min(...cpuShares)} to ${Math.max(...cpuShares)}`);

    const readStore = openReadStore({ file: auditTreeFileBeside(join(dir, 'with.db')) });
    const read = merkleTreeQueries(readStore);
    const size = read.merkleTreeSize();
    const proofs = proofLatencies(readStore, size);
    console.log(`inclusion proof p50 ${proofs.inclusionMs.p50} ms, p99 ${proofs.inclusionMs.p99} ms; consistency proof p50 ${proofs.consistencyMs.p50} ms, p99 ${proofs.consistencyMs.p99} ms (${PROOFS} each, tree of ${size.toLocaleString('en')})`);

    const head = signHead({ treeSize: size, rootHash: read.merkleRoot(size).toString('hex'), signedAt: new Date().toISOString(), reason: 'bench' }, generateKeyPairSync('ed25519').privateKey);
    const journal = join(dir, 'journal.jsonl');
    const exported = await measured(() => exportJournal({ store, read, head, to: journal, now: new Date() }));
    console.log(`journal: ${(statSync(journal).size / 2 ** 20).toFixed(1)} MiB written in ${exported.seconds.toFixed(1)} s, peak RSS ${exported.peakRssMiB} MiB`);
    readStore.close();
    const control = await timed(() => hashOnly(journal));
    const verify = await measured(() => verifyJournal({ journal, head }));
    if (!verify.result.ok) throw new Error(`the verifier refused the bench's own journal: ${verify.result.problems.join('; ')}`);
    const rates = { verifier: perSecond(size, verify.seconds), sha256Only: perSecond(control.result, control.seconds) };
    console.log(`verifier ${rates.verifier} leaves/s against ${rates.sha256Only}/s hashing the same bytes alone; peak RSS ${verify.peakRssMiB} MiB`);

    const verifierToControl = ratio(rates.verifier, rates.sha256Only);
    const targets = { treeShareAtMost: 0.15, proofP99MsUnder: 1, verifierToControlAtLeast: 0.5 };
    printResult({
      bench: 'audit',
      events,
      seconds: { rebuildWithout: without.seconds, rebuildWith: withTree.seconds, export: exported.seconds, verify: verify.seconds, sha256Only: control.seconds },
      treeShareOfRebuild: treeShare,
      treeThread: IN_THREAD ? 'runner' : 'own',
      treeShareOfRunnerThreadCpu: median(cpuShares),
      ...(ROUNDS > 1 && { treeShareRounds: shares }),
      proofs,
      eventsPerSecond: rates,
      verifierToControl,
      peakRssMiB: { rebuildWith: withTree.peakRssMiB, export: exported.peakRssMiB, verify: verify.peakRssMiB },
      targets,
      targetsMet:
        treeShare <= targets.treeShareAtMost &&
        proofs.inclusionMs.p99 < targets.proofP99MsUnder &&
        proofs.consistencyMs.p99 < targets.proofP99MsUnder &&
        verifierToControl >= targets.verifierToControlAtLeast,
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

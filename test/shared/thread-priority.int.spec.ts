/**
 * Background work's thread at the lowest priority (src/shared/thread-priority.ts): a worker that
 * asks for it gets nice 19 on its own task, and the process (its main thread, the event loop
 * serving the API) keeps its priority; asked on the main thread, nothing changes.
 */
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LOWEST_PRIORITY, runAsBackgroundWork } from '../../src/shared/thread-priority.js';

const MODULE = new URL('../../src/shared/thread-priority.ts', import.meta.url).href;

/** A worker (run from source through tsx's API) that lowers its own priority and reports its task and the priorities seen. */
function lowerInWorker(): Promise<{ task: number | undefined; own: number | undefined }> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    import(${JSON.stringify(tsx)})
      .then(({ tsImport }) => tsImport(${JSON.stringify(MODULE)}, ${JSON.stringify(import.meta.url)}))
      .then(({ runAsBackgroundWork }) => {
        const task = runAsBackgroundWork();
        parentPort.postMessage({ task, own: task === undefined ? undefined : getPriority(task) });
      });`;
  const worker = new Worker(code, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('message', (report) => void worker.terminate().then(() => resolve(report)));
    worker.once('error', reject);
  });
}

describe.runIf(process.platform === 'linux')('background work on a thread of its own', () => {
  it("lowers the worker's own task to nice 19 and leaves the process's priority as it was", async () => {
    const before = getPriority();
    const { task, own } = await lowerInWorker();
    expect(task).not.toBe(process.pid);
    expect(task).toBeDefined();
    expect(own).toBe(LOWEST_PRIORITY);
    expect(getPriority()).toBe(before);
  });

  it('changes nothing when asked on the main thread', () => {
    const before = getPriority();
    expect(runAsBackgroundWork()).toBeUndefined();
    expect(getPriority()).toBe(before);
  });
});

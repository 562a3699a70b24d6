/**
 * Background work on a thread of its own (the audit tree's catch-up) at the lowest priority
 * (nice 19): where the machine has fewer free cores than busy threads, the event loop's thread and
 * the garbage collector's go first. On Linux a thread is a task of its own, and a task may lower
 * its own priority without privileges; the task's id is the last part of /proc/thread-self (read
 * only where /proc is this process's own: in another pid namespace the id would name another task).
 * Elsewhere, or where it is refused, the thread keeps the process's priority.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

export const LOWEST_PRIORITY = 19;

/** Lowers this thread's priority (not the process's); the task id it lowered, or undefined where it could not. */
export function runAsBackgroundWork(): number | undefined {
  try {
    if (readlinkSync('/proc/self') !== String(process.pid)) return undefined;
    const task = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!Number.isInteger(task) || task === process.pid) return undefined; // the main thread: leave the process alone
    setPriority(task, LOWEST_PRIORITY);
    return task;
  } catch {
    return undefined;
  }
}

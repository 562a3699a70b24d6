import { describe, expect, it } from 'vitest';
import { singleFlight } from '../../src/shared/single-flight.js';

describe('single flight', () => {
  it('gives callers that come while a run is in flight that run, and starts a new one after it', async () => {
    let runs = 0;
    let finish!: () => void;
    const replay = singleFlight(() => new Promise<number>((resolve) => (finish = () => resolve(++runs))));
    const [a, b] = [replay(), replay()];
    finish();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
    const c = replay();
    finish();
    expect(await c).toBe(2);
  });

  it('starts afresh after a run that failed', async () => {
    let fail = true;
    const replay = singleFlight(async () => {
      if (fail) throw new Error('store unavailable');
      return 'report';
    });
    await expect(replay()).rejects.toThrow('store unavailable');
    fail = false;
    expect(await replay()).toBe('report');
  });
});

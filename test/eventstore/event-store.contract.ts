/**
 * The event-store port's semantics, as one suite every adapter must pass.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  comparePositions,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  StoreClosedError,
  WrongExpectedRevisionError,
} from '../../src/eventstore/port.js';
import type { TestStore } from '../support/stores.js';

export function newEvent(type: string, data: unknown = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actorId: 'tester',
      actorRole: 'ADMIN',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

const events = (n: number, type = 'Tested') => Array.from({ length: n }, (_, i) => newEvent(type, { i }));

async function take(iterable: AsyncIterable<RecordedEvent>, n: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  if (n === 0) return out;
  for await (const event of iterable) {
    out.push(event);
    if (out.length === n) break;
  }
  return out;
}

async function expectConflict(promise: Promise<unknown>, actual: number | 'no_stream') {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect((error as WrongExpectedRevisionError).actual).toBe(actual);
}

export function describeEventStoreContract(testStore: TestStore): void {
  describe(`event store contract: ${testStore.name}`, () => {
    let store: EventStore;
    let stream: string;
    beforeEach(async () => {
      store = await testStore.create();
      stream = `contract-${randomUUID()}`;
    });
    afterEach(async () => {
      await store.close();
    });

    describe('appends', () => {
      it('creates a stream with no_stream and returns its revision and position', async () => {
        const result = await store.append(stream, events(3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.position).toBe(read[2]!.position);
      });

      it('refuses no_stream on an existing stream with the actual revision', async () => {
        await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        await expectConflict(store.append(stream, events(1), { expectedRevision: 'no_stream' }), 1);
      });

      it('refuses stream_exists on a missing stream', async () => {
        await expectConflict(store.append(stream, events(1), { expectedRevision: 'stream_exists' }), 'no_stream');
      });

      it('accepts stream_exists on an existing stream', async () => {
        await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        const result = await store.append(stream, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('accepts the exact revision and refuses a stale or a future one', async () => {
        await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        await expect(store.append(stream, events(1), { expectedRevision: 1 })).resolves.toMatchObject({ nextExpectedRevision: 2 });
        await expectConflict(store.append(stream, events(1), { expectedRevision: 1 }), 2);
        await expectConflict(store.append(stream, events(1), { expectedRevision: 7 }), 2);
      });

      it('refuses an exact revision on a missing stream', async () => {
        await expectConflict(store.append(stream, events(1), { expectedRevision: 0 }), 'no_stream');
      });

      it('treats a retry of the same ids at the same expectation as success, writing nothing', async () => {
        await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        const batch = events(3);
        const first = await store.append(stream, batch, { expectedRevision: 0 });
        const retry = await store.append(stream, batch, { expectedRevision: 0 });
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('treats a retried creation (no_stream) as success', async () => {
        const batch = events(2);
        const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        await expect(store.append(stream, batch, { expectedRevision: 'no_stream' })).resolves.toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('refuses a retry whose ids only partly match', async () => {
        const batch = events(2);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        await expectConflict(store.append(stream, [batch[0]!, newEvent('Other')], { expectedRevision: 'no_stream' }), 1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('keeps ids, types, data and metadata, including Chinese text', async () => {
        const event = newEvent('ApplicationSubmitted', { name: '许昌市小微企业创业基地', amount: 10_000_000 });
        event.metadata.documentRef = '许政〔2016〕8号';
        await store.append(stream, [event], { expectedRevision: 'no_stream' });
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ id: event.id, type: event.type, data: event.data, stream, revision: 0 });
        expect(read!.metadata).toEqual(event.metadata);
      });

      // 1 MB, just under EventStoreDB's default maximum append size of 1 MiB.
      it('stores a 1 MB payload intact', async () => {
        const big = newEvent('Large', { text: '账'.repeat(333_000) });
        await store.append(stream, [big], { expectedRevision: 'no_stream' });
        const [read] = await store.readStream(stream);
        expect(read!.data).toEqual(big.data);
      });
    });

    describe('stream reads', () => {
      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(`missing-${randomUUID()}`)).toEqual([]);
      });

      it('reads forwards and backwards from a revision with a maximum count', async () => {
        await store.append(stream, events(10), { expectedRevision: 'no_stream' });
        const forwards = await store.readStream(stream, { fromRevision: 3, maxCount: 4 });
        expect(forwards.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
        const backwards = await store.readStream(stream, { direction: 'backwards', fromRevision: 8, maxCount: 3 });
        expect(backwards.map((e) => e.revision)).toEqual([8, 7, 6]);
        const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(last.map((e) => e.revision)).toEqual([9]);
      });

      it('holds a 10,000-event stream in order', async () => {
        for (let i = 0; i < 10; i++) {
          await store.append(stream, events(1_000), { expectedRevision: i === 0 ? 'no_stream' : i * 1_000 - 1 });
        }
        const read = await store.readStream(stream);
        expect(read).toHaveLength(10_000);
        expect(read.every((e, i) => e.revision === i && (e.data as { i: number }).i === i % 1_000)).toBe(true);
      });
    });

    describe('the global log', () => {
      it('reads every stream in commit order, paged after a position', async () => {
        const a = `${stream}-a`;
        const b = `${stream}-b`;
        await store.append(a, events(2), { expectedRevision: 'no_stream' });
        await store.append(b, events(1), { expectedRevision: 'no_stream' });
        await store.append(a, events(1), { expectedRevision: 1 });
        const mine = (await store.readAll({ maxCount: 10_000 })).filter((e) => e.stream.startsWith(stream));
        expect(mine.map((e) => `${e.stream.slice(-1)}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2']);
        const positions = mine.map((e) => e.position);
        expect([...positions].sort(comparePositions)).toEqual(positions);
        const page = await store.readAll({ after: mine[1]!.position, maxCount: 2 });
        expect(page.map((e) => e.id)).toEqual([mine[2]!.id, mine[3]!.id]);
        expect(await store.headPosition()).toBe(mine[3]!.position);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then follows live appends, with no gap or duplicate under concurrent writers', async () => {
        await store.append(stream, events(250), { expectedRevision: 'no_stream' });
        const start = (await store.readStream(stream, { maxCount: 1 }))[0]!;
        const subscription = store.subscribeAll({ after: start.position });
        const writers = Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 25; i++) {
            await store.append(`${stream}-w${w}`, events(2), { expectedRevision: i === 0 ? 'no_stream' : i * 2 - 1 });
          }
        });
        const received = take(subscription, 249 + 200);
        await Promise.all(writers);
        const seen = await received;
        await subscription.close();
        const ids = seen.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        const positions = seen.map((e) => e.position);
        expect([...positions].sort(comparePositions)).toEqual(positions);
        const log = (await store.readAll({ after: start.position, maxCount: 10_000 })).map((e) => e.id);
        expect(ids).toEqual(log);
      });

      it('resumes exactly after the last delivered event once closed and reopened', async () => {
        await store.append(stream, events(1_200), { expectedRevision: 'no_stream' });
        const first = store.subscribeAll();
        const head = await take(first, 700);
        await first.close();
        const second = store.subscribeAll({ after: head[head.length - 1]!.position });
        const rest = await take(second, 500);
        await second.close();
        const all = (await store.readStream(stream)).map((e) => e.id);
        expect([...head, ...rest].map((e) => e.id)).toEqual(all);
      });
    });

    describe('a closed store', () => {
      it('refuses appends and reads with a typed error', async () => {
        await store.close();
        await expect(store.append(stream, events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StoreClosedError);
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StoreClosedError);
      });
    });
  });
}

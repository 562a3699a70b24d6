/**
 * Server-side filters of `$all` reads and subscriptions, as EventStoreDB applies them: on the
 * stream name or the event type, by regular expression or by a list of prefixes. A filtered
 * subscription also reports checkpoints every `checkpointIntervalMultiplier × window` events
 * it has looked at, so a client on a sparse filter can record its progress.
 */
import type { StoredEvent } from './event-log.js';
import { type FilterOptions, type ReadOptions, streams } from './protocol.js';

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** Events looked at between two checkpoints; undefined: no checkpoints. */
  checkpointEvery: number | undefined;
}

/** EventStoreDB's default search window (events looked at per batch). */
const DEFAULT_WINDOW = 32;

const everything: EventFilter = { matches: () => true, checkpointEvery: undefined };

export function eventFilter(options: ReadOptions): EventFilter {
  const filter = options.getFilter();
  if (!filter) return everything;
  const pick = filter.hasStreamIdentifier() ? (e: StoredEvent) => e.stream : (e: StoredEvent) => e.type;
  const test = expressionTest(filter);
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW;
  return {
    matches: (event) => test(pick(event)),
    checkpointEvery: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}

function expressionTest(filter: FilterOptions): (value: string) => boolean {
  const expression =
    filter.getFilterCase() === streams.ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER
      ? filter.getStreamIdentifier()
      : filter.getEventType();
  const regex = expression?.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (value) => pattern.test(value);
  }
  const prefixes = expression?.getPrefixList() ?? [];
  return (value) => prefixes.some((prefix) => value.startsWith(prefix));
}

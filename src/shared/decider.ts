/**
 * The decider: everything an aggregate knows, as three pure parts. Command handling
 * (src/commands/) reads a stream, folds it with `evolve` from `initialState`, and appends what
 * `decide` returns.
 */

/** An event as the deciders see it: its type and data (metadata stays with the command handling). */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface Decider<State, Command, Event extends DomainEvent> {
  /** Its stream in a case officer's words, for messages: the aggregate exports it beside its stream name. */
  streamLabel: string;
  /** The shape of the state `evolve` folds to: raise it when either changes, so snapshots of the old shape are ignored. */
  version: number;
  initialState: State;
  /** Never throws, never validates: unknown events leave the state as it is. */
  evolve(state: State, event: Event): State;
  /** Throws a DomainError, or returns the events to append (`[]` when nothing happens). */
  decide(command: Command, state: State): Event[];
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}

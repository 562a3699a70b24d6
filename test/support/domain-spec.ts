/**
 * Given/when/then for deciders: given these events, when this command, then these events (or
 * this error). No store: a decider is a pure function.
 */
import { expect } from 'vitest';
import { type Decider, type DomainEvent, fold } from '../../src/shared/decider.js';
import { DomainError, type DomainErrorCode } from '../../src/shared/errors.js';

export function deciderSpec<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given: (events: E[]) => ({
      when: (command: C) => {
        const decided = () => decider.decide(command, fold(decider, events));
        return {
          then: (expected: E[]) => expect(decided()).toEqual(expected),
          thenFails: (code: DomainErrorCode, message?: RegExp) => expectDomainError(decided, code, message),
        };
      },
    }),
  };
}

export function expectDomainError(run: () => unknown, code: DomainErrorCode, message?: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  if (message) expect((caught as DomainError).message).toMatch(message);
}

/** The same for promises (command handling, the facade). */
export async function expectRejectsWith(promise: Promise<unknown>, code: DomainErrorCode, message?: RegExp): Promise<DomainError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  if (message) expect((caught as DomainError).message).toMatch(message);
  return caught as DomainError;
}

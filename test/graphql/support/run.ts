/** Runs the example operations by name as a given user, and fails loudly on any error. */
import { expect } from 'vitest';
import { example } from '../../../src/graphql/examples.js';
import type { HttpAnswer } from './http.js';
import type { TestApi } from './api.js';

let keys = 0;
/** A fresh idempotency key. */
export const key = (what: string) => `${what}-${++keys}`;

export async function run(api: TestApi, name: string, variables: Record<string, unknown>, token: string) {
  const answer = await api.gql(example(name), variables, token);
  expect(answer.body.errors, `${name}: ${JSON.stringify(answer.body.errors)}`).toBeUndefined();
  return answer.body.data;
}

/** The first error of an answer, as a client sees it: `CODE/REASON: message`. */
export function refusal(answer: HttpAnswer): string {
  const error = answer.body.errors?.[0];
  if (!error) return `accepted: ${JSON.stringify(answer.body.data)}`;
  const { code, reason } = error.extensions ?? {};
  return `${code}${reason ? `/${reason}` : ''}: ${error.message}`;
}

/** The refusal of one operation, checking that the log did not move. */
export async function refusedUnwritten(api: TestApi, query: string, variables: Record<string, unknown>, bearer: string): Promise<string> {
  const before = await api.eventCount();
  const answer = refusal(await api.gql(query, variables, bearer));
  expect(await api.eventCount()).toBe(before);
  return answer;
}

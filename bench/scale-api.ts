/**
 * bench:scale's API figures: the ledger application on the loaded store, served over HTTP by the
 * real server (Apollo, auth, limits), and one client sending the auditors' queries one after
 * another. The client runs in this process: with one request in flight at a time it never
 * competes with the server for the thread, and its own cost (a fetch) stays in each latency.
 */
import { pino } from 'pino';
import type { LedgerApp } from '../src/app.js';
import type { JwtConfig } from '../src/config.js';
import { mintDevelopmentToken } from '../src/graphql/auth/mint-token.js';
import { Role } from '../src/graphql/auth/role.js';
import { createTokenVerifier } from '../src/graphql/auth/verify-token.js';
import { contextFor } from '../src/graphql/context.js';
import { example } from '../src/graphql/examples.js';
import { projectionReadiness } from '../src/graphql/readiness.js';
import { buildLedgerSchema } from '../src/graphql/schema.js';
import { type RunningApi, startApi } from '../src/graphql/server.js';

const JWT: JwtConfig = {
  key: { algorithm: 'HS256', secret: 'the-scale-benchmark-secret-long-enough-for-hs256', isDefaultSecret: false },
  issuer: 'grants-ledger',
  audience: 'grants-ledger-api',
};

export interface Operation {
  name: string;
  source: string;
  /** Requests take these in turn. */
  variables: Record<string, unknown>[];
}

export interface Latency {
  requests: number;
  p50Ms: number;
  p99Ms: number;
}

export async function serve(app: LedgerApp): Promise<RunningApi> {
  return startApi(
    {
      schema: await buildLedgerSchema(),
      production: true,
      logger: pino({ level: 'silent' }),
      maxBodyBytes: 100_000,
      verifyToken: createTokenVerifier(JWT),
      contextFor: contextFor(app.services),
      readiness: () => projectionReadiness(app.runner),
    },
    { port: 0, host: '127.0.0.1' },
  );
}

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 100) / 100;

/** `requests` requests of `op` after `warmUp` untimed ones, one at a time, as an auditor. */
export async function oneClient(url: string, op: Operation, requests: number, warmUp: number): Promise<Latency> {
  const token = await mintDevelopmentToken(JWT, { role: Role.AUDITOR, subject: 'auditor-scale' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  for (let i = 0; i < warmUp + requests; i++) {
    const body = JSON.stringify({ query: op.source, variables: op.variables[i % op.variables.length] });
    const sent = performance.now();
    const answer = await fetch(url, { method: 'POST', headers, body });
    const text = await answer.text();
    if (!answer.ok || text.includes('"errors"')) throw new Error(`${op.name}: ${answer.status} ${text.slice(0, 500)}`);
    if (i >= warmUp) latencies.push(performance.now() - sent);
  }
  latencies.sort((a, b) => a - b);
  return { requests, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

/** The auditors' reads at scale, each over keys sampled from the read models. */
export function auditorOperations(app: LedgerApp): Operation[] {
  const read = app.services.read;
  const firms = read.enterprises({}, { limit: 200, offset: 0 }).rows.map((e) => e.creditCode);
  const applications = read.applications({}, { limit: 200, offset: 0 }).rows.map((a) => a.applicationId);
  const lines = read.budgetLines({});
  const years = [...new Set(lines.map((l) => l.fiscalYear))];
  const counties = [...new Set(read.enterprises({}, { limit: 1_000, offset: 0 }).rows.map((e) => e.county))];
  const filters = counties.flatMap((county) => years.map((fiscalYear) => ({ county, fiscalYear })));
  return [
    { name: 'disbursement page (county + year, 100 rows, totals)', source: example('DisbursementPage'), variables: filters.map((filter) => ({ first: 100, filter })) },
    { name: 'enterprise balance', source: example('EnterpriseBalance'), variables: firms.map((creditCode) => ({ creditCode })) },
    { name: 'budget line', source: BUDGET_LINE, variables: lines.map((l) => ({ id: l.budgetLineId })) },
    { name: 'event history (enterprise)', source: ENTERPRISE_HISTORY, variables: firms.map((id) => ({ id })) },
    { name: 'application', source: example('ApplicationDetail'), variables: applications.map((id) => ({ id })) },
  ];
}

const BUDGET_LINE = `query BudgetLine($id: ID!) { budgetLine(id: $id) { id fiscalYear payer allocated committed disbursed available } }`;
const ENTERPRISE_HISTORY = `query EnterpriseHistory($id: String!) {
  eventHistory(subject: ENTERPRISE, id: $id, first: 200) { type position revision data metadata { actorId actorRole recordedAt documentRef } }
}`;

/**
 * The DataLoaders of one request: every lookup by key is batched into one read per kind and
 * tick, and cached for the request only. Made fresh in each request's context, never shared.
 *
 * The read store answers synchronously, so a loader can also answer without a promise for the
 * rows of a page: the page's resolver names the keys its rows refer to (`expect`), and the first
 * row that asks (`get`) reads them all in one statement. A page whose nested objects all answer
 * synchronously is completed by graphql-js in one pass, with no promise per row: on the auditors'
 * 100-row page that halved the server's CPU (most of it garbage collection of the promises and of
 * the pages they kept alive while other requests ran).
 */
import DataLoader from 'dataloader';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import type { Batch } from '../readmodel/queries/sql.js';

export class Loader<Row> extends DataLoader<string, Row | null> {
  /** Keys a page announced and nobody has asked for yet. */
  private readonly expected = new Set<string>();
  /** What `get` has read: the synchronous side of the cache, which `load` answers from too. */
  private readonly known = new Map<string, Row | null>();

  constructor(private readonly batch: Batch<Row>) {
    super(async (keys) => batch(keys));
  }

  /** Keys the caller's rows refer to: the first `get` reads them all with its own. */
  expect(keys: Iterable<string>): void {
    for (const key of keys) if (!this.known.has(key)) this.expected.add(key);
  }

  /** The row, synchronously; reads it with every expected key when it is not known yet. */
  get(key: string): Row | null {
    const known = this.known.get(key);
    if (known !== undefined) return known;
    this.expected.add(key);
    const keys = [...this.expected];
    this.expected.clear();
    const rows = this.batch(keys);
    keys.forEach((k, i) => this.known.set(k, rows[i] ?? null));
    return this.known.get(key) ?? null;
  }

  override load(key: string): Promise<Row | null> {
    const known = this.known.get(key);
    return known === undefined ? super.load(key) : Promise.resolve(known);
  }

  override clear(key: string): this {
    this.known.delete(key);
    return super.clear(key);
  }
}

export function createLoaders(read: ReadModelQueries) {
  return {
    enterprise: new Loader(read.enterprisesByCreditCode),
    application: new Loader(read.applicationsById),
    approval: new Loader(read.approvalsById),
    disbursement: new Loader(read.disbursementsById),
    benefitLine: new Loader(read.benefitLinesByCode),
    policy: new Loader(read.policiesByCode),
    budgetLine: new Loader(read.budgetLinesById),
    balance: new Loader(read.balancesByCreditCode),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

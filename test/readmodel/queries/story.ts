/**
 * A small ledger for the query specs, built by every projection from the events of three
 * applications under 许政〔2016〕8号: a NEEQ listing reward paid in two tranches, a patent-pledge
 * subsidy paid at once, and a startup base's application not yet decided.
 */
import { XUCHANG_2016_8_LINES, XUCHANG_2016_8_POLICY } from '../../../src/catalog/xuchang-2016-8.js';
import { ledgerProjections } from '../../../src/readmodel/ledger-projections.js';
import { createReadModelQueries } from '../../../src/readmodel/queries/index.js';
import { event, projectAll } from '../../projections/project.js';
import {
  allocated,
  approved,
  BASE,
  FIRM,
  NEEQ_REWARD_FEN,
  paid,
  PATENT_CAP_FEN,
  registered,
  reviewed,
  submitted,
} from '../../projections/ledger-story.js';

export const NEEQ = { applicationId: 'neeq-1', lineCode: 'neeq-listing-reward', fiscalYear: 2024 };
export const PLEDGE = { applicationId: 'pledge-1', lineCode: 'patent-pledge-subsidy', fiscalYear: 2024, approver: 'director-2' };
export const STARTUP = { applicationId: 'base-1', lineCode: 'startup-base-reward', fiscalYear: 2025, firm: BASE };

/** A third firm, in 长葛市, whose name has a literal percent sign. */
export const ODD = { creditCode: '91411023MA3X7P8L08', county: 'changge', name: '长葛市100%纯净水有限公司' };

export function storyReadModel() {
  const p = projectAll(
    ledgerProjections,
    event('PolicyPublished', { ...XUCHANG_2016_8_POLICY, publishedAt: '2016-02-02T09:00:00.000Z' }),
    ...XUCHANG_2016_8_LINES.map((line) => event('BenefitLineDefined', { ...line, definedAt: '2016-02-02T09:00:00.000Z' })),
    registered(FIRM),
    registered(BASE, 'startup-base'),
    registered(ODD),
    allocated('neeq-listing-reward', 2024, 100_000_000),
    allocated('patent-pledge-subsidy', 2024, 30_000_000),
    allocated('startup-base-reward', 2025, 50_000_000),
    submitted(NEEQ, NEEQ_REWARD_FEN),
    reviewed(NEEQ),
    ...approved(NEEQ, 'approval-neeq', NEEQ_REWARD_FEN),
    paid(NEEQ, 'pay-neeq-1', 30_000_000, '2024-05-01'),
    paid(NEEQ, 'pay-neeq-2', 20_000_000, '2024-06-01'),
    submitted(PLEDGE, PATENT_CAP_FEN),
    ...approved(PLEDGE, 'approval-pledge', PATENT_CAP_FEN),
    paid(PLEDGE, 'pay-pledge-1', PATENT_CAP_FEN, '2024-07-15'),
    submitted(STARTUP, 10_000_000),
  );
  return { readStore: p.readStore, queries: createReadModelQueries(p.readStore) };
}

export const ALL = { limit: 100, offset: 0 };

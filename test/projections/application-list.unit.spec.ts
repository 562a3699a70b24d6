import { describe, expect, it } from 'vitest';
import { applicationList } from '../../projections/application-list/application-list.js';
import { event, project } from './project.js';
import {
  abandoned,
  approvalStarted,
  approved,
  clawbackDemanded,
  clawbackRepaid,
  clawbackWaived,
  FIRM,
  NEEQ_REWARD_FEN,
  paid,
  reviewed,
  submitted,
} from './ledger-story.js';

const listing = { applicationId: 'neeq-1', lineCode: 'neeq-listing-reward', fiscalYear: 2024 };

const application = (p: ReturnType<typeof project>) =>
  p.readStore.get<Record<string, unknown>>(`SELECT * FROM applications WHERE application_id = ?`, [listing.applicationId]);

describe('a submitted application', () => {
  it('is listed as submitted with what the enterprise requested, where and when', () => {
    const p = project(applicationList, submitted(listing, NEEQ_REWARD_FEN));
    expect(application(p)).toMatchObject({
      credit_code: FIRM.creditCode,
      line_code: 'neeq-listing-reward',
      fiscal_year: 2024,
      payer: 'municipal',
      county: 'yuzhou',
      fact_kind: 'neeq-listing',
      status: 'submitted',
      requested_fen: 50_000_000,
      approved_fen: null,
      submitted_at: '2024-03-01T09:00:00.000Z',
    });
  });

  it('is reviewed, then approving while an approval holds it, then approved with the amount and 文号', () => {
    const p = project(applicationList, submitted(listing, NEEQ_REWARD_FEN), reviewed(listing));
    expect(application(p)).toMatchObject({ status: 'reviewed', reviewed_by: 'officer-1' });
    const [start] = approvalStarted(listing, 'approval-1', NEEQ_REWARD_FEN);
    p.apply(start!);
    expect(application(p)).toMatchObject({ status: 'approving', approval_id: 'approval-1' });
    p.apply(approved(listing, 'approval-1', NEEQ_REWARD_FEN).at(-1)!);
    expect(application(p)).toMatchObject({
      status: 'approved',
      approved_fen: 50_000_000,
      approved_by: 'director-1',
      approved_at: '2024-04-01T09:00:02.000Z',
      approval_document_ref: '许金融〔2024〕7号',
    });
  });

  it('falls back to reviewed when its approval is abandoned, and keeps the attempt on record', () => {
    const p = project(applicationList, submitted(listing, NEEQ_REWARD_FEN), reviewed(listing), ...abandoned(listing, 'approval-1', NEEQ_REWARD_FEN));
    // No approval is in force: the abandoned attempt (whose reason may cite budgets) is staff's record only.
    expect(application(p)).toMatchObject({ status: 'reviewed', approved_fen: null, approval_id: null });
    expect(p.rows('approvals')).toEqual([
      expect.objectContaining({
        approval_id: 'approval-1',
        application_id: 'neeq-1',
        amount_fen: 50_000_000,
        status: 'abandoned',
        abandon_code: 'DOUBLE_DIPPING',
        document_ref: '许金融〔2024〕7号',
      }),
    ]);
  });

  it('falls back to submitted when an approval started before any review is abandoned', () => {
    const p = project(applicationList, submitted(listing, NEEQ_REWARD_FEN), ...abandoned(listing, 'approval-1', NEEQ_REWARD_FEN));
    expect(application(p)).toMatchObject({ status: 'submitted' });
  });

  it('ends rejected, with who rejected it and why', () => {
    const p = project(
      applicationList,
      submitted(listing, NEEQ_REWARD_FEN),
      event('ApplicationRejected', { applicationId: 'neeq-1', rejectedBy: 'director-1', reason: '未在新三板挂牌', rejectedAt: '2024-03-20T09:00:00.000Z' }),
    );
    expect(application(p)).toMatchObject({ status: 'rejected', rejected_by: 'director-1', rejection_reason: '未在新三板挂牌' });
  });

  it('ends withdrawn by the applicant', () => {
    const p = project(
      applicationList,
      submitted(listing, NEEQ_REWARD_FEN),
      event('ApplicationWithdrawn', { applicationId: 'neeq-1', withdrawnBy: 'applicant-1', withdrawnAt: '2024-03-05T09:00:00.000Z' }),
    );
    expect(application(p)).toMatchObject({ status: 'withdrawn', withdrawn_at: '2024-03-05T09:00:00.000Z' });
  });
});

describe('an approved application', () => {
  it('adds up what was paid, demanded back, repaid and waived', () => {
    const p = project(
      applicationList,
      submitted(listing, NEEQ_REWARD_FEN),
      ...approved(listing, 'approval-1', NEEQ_REWARD_FEN),
      paid(listing, 'pay-1', 30_000_000, '2024-05-01'),
      paid(listing, 'pay-2', 20_000_000, '2024-06-01'),
      clawbackDemanded(listing, 'claw-1', 20_000_000),
      clawbackRepaid(listing, 'claw-1', 15_000_000),
      clawbackWaived(listing, 'claw-1', 5_000_000),
    );
    expect(application(p)).toMatchObject({
      status: 'approved',
      disbursed_fen: 50_000_000,
      clawback_demanded_fen: 20_000_000,
      recovered_fen: 15_000_000,
      waived_fen: 5_000_000,
      updated_at: '2024-11-01T09:00:00.000Z',
    });
    expect(p.rows('approvals')).toEqual([expect.objectContaining({ status: 'approved', approved_at: '2024-04-01T09:00:02.000Z' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { disbursementHistory } from '../../projections/disbursement-history/disbursement-history.js';
import { project } from './project.js';
import { approved, FIRM, NEEQ_REWARD_FEN, paid, submitted } from './ledger-story.js';

const listing = { applicationId: 'neeq-1', lineCode: 'neeq-listing-reward', fiscalYear: 2024 };

describe('an approved application paid in two tranches', () => {
  it('has one row per payment, with the enterprise, line, payer, county, approval and recorder', () => {
    const p = project(
      disbursementHistory,
      submitted(listing, NEEQ_REWARD_FEN),
      ...approved(listing, 'approval-1', NEEQ_REWARD_FEN),
    );
    const [first] = p.apply(paid(listing, 'pay-1', 30_000_000, '2024-05-01'));
    p.apply(paid(listing, 'pay-2', 20_000_000, '2024-06-01'));
    expect(p.rows('disbursements', 'paid_on')).toEqual([
      {
        disbursement_id: 'pay-1',
        application_id: 'neeq-1',
        credit_code: FIRM.creditCode,
        line_code: 'neeq-listing-reward',
        fiscal_year: 2024,
        payer: 'municipal',
        budget_line_id: 'neeq-listing-reward.2024.municipal',
        county: 'yuzhou',
        approval_id: 'approval-1',
        approved_by: 'director-1',
        approved_at: '2024-04-01T09:00:02.000Z',
        approval_document_ref: '许金融〔2024〕7号',
        amount_fen: 30_000_000,
        paid_on: '2024-05-01',
        payment_reference: '许财拨-pay-1',
        recorded_by: 'treasury-1',
        recorded_at: '2024-05-01T10:00:00.000Z',
        event_id: first!.id,
        position: first!.position,
      },
      expect.objectContaining({ disbursement_id: 'pay-2', amount_fen: 20_000_000, paid_on: '2024-06-01' }),
    ]);
  });
});

describe('a payment recorded against an application that was never approved', () => {
  it('stops the projection rather than record a payment without its approval', () => {
    const p = project(disbursementHistory, submitted(listing, NEEQ_REWARD_FEN));
    p.apply(paid(listing, 'pay-1', 30_000_000, '2024-05-01'));
    expect(p.member.failure).toMatchObject({
      eventType: 'DisbursementRecorded',
      error: 'Error: application neeq-1 was paid before it was approved',
    });
    expect(p.rows('disbursements')).toEqual([]);
  });
});

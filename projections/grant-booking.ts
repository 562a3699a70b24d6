/**
 * Where an application's money is booked: the firm, the benefit line, the fiscal year, the payer
 * and the budget line, fixed at submission. Several read models key their rows by it.
 */
import type { EventData } from '../src/events.js';
import { column, type Columns } from '../src/readmodel/table.js';

export type GrantBooking = Pick<
  EventData<'ApplicationSubmitted'>,
  'applicationId' | 'creditCode' | 'lineCode' | 'fiscalYear' | 'payer' | 'budgetLineId'
>;

export const GRANT_BOOKING_COLUMNS: Columns<GrantBooking> = {
  applicationId: column.text,
  creditCode: column.text,
  lineCode: column.text,
  fiscalYear: column.integer,
  payer: column.text,
  budgetLineId: column.text,
};

export function bookingOf(submitted: EventData<'ApplicationSubmitted'>): GrantBooking {
  const { applicationId, creditCode, lineCode, fiscalYear, payer, budgetLineId } = submitted;
  return { applicationId, creditCode, lineCode, fiscalYear, payer, budgetLineId };
}

/** The state of another aggregate that a command looks up (read, not guarded by its revision). */
import { applicationStream } from '../application/application.js';
import { applicationDecider } from '../application/decide.js';
import { NO_RECORDS, type QualifyingRecords } from '../application/qualifying-record.js';
import type { BenefitLineState } from '../catalog/catalog.js';
import { poolMemberStream } from '../cultivation-pool/cultivation-pool.js';
import { poolMemberDecider } from '../cultivation-pool/decide.js';
import { designationsDecider } from '../designation/decide.js';
import { designationsStream } from '../designation/designation.js';
import { calendarStream, type Calendars, type CalendarState } from '../calendar/calendar.js';
import { calendarDecider } from '../calendar/decide.js';
import { benefitLineStream, policyStream } from '../catalog/catalog.js';
import { benefitLineDecider, policyDecider } from '../catalog/decide.js';
import { enterpriseDecider } from '../enterprise/decide.js';
import { enterpriseStream } from '../enterprise/enterprise.js';
import { entitlementDecider } from '../entitlement/decide.js';
import { entitlementStream } from '../entitlement/entitlement.js';
import { noticeBoardDecider } from '../notice/decide.js';
import { noticeBoardStream } from '../notice/notice.js';
import { fiscalYearDecider } from '../fiscal-close/decide.js';
import { fiscalYearStream, isClosed } from '../fiscal-close/fiscal-year.js';
import type { CommandDeps } from './envelope.js';

export const readPolicy = async ({ streams }: CommandDeps, policyCode: string) =>
  (await streams.read(policyStream(policyCode), policyDecider)).state;

export const readLine = async ({ streams }: CommandDeps, lineCode: string) =>
  (await streams.read(benefitLineStream(lineCode), benefitLineDecider)).state;

export const readEnterprise = async ({ streams }: CommandDeps, creditCode: string) =>
  (await streams.read(enterpriseStream(creditCode), enterpriseDecider)).state;

export const readEntitlement = async ({ streams }: CommandDeps, lineCode: string, creditCode: string) =>
  (await streams.read(entitlementStream(lineCode, creditCode), entitlementDecider)).state;

export const readApplication = ({ streams }: CommandDeps, applicationId: string) =>
  streams.read(applicationStream(applicationId), applicationDecider);

export const readNoticeBoard = async ({ streams }: CommandDeps, lineCode: string, fiscalYear: number) =>
  (await streams.read(noticeBoardStream(lineCode, fiscalYear), noticeBoardDecider)).state;
/** Whether Finance has closed the fiscal year (结账): nothing more is booked into it. */
export const isYearClosed = async ({ streams }: CommandDeps, fiscalYear: number) =>
  isClosed((await streams.read(fiscalYearStream(fiscalYear), fiscalYearDecider)).state);
/** What the ledger records of the firm that the line's qualifying fact must be: read only when the line asks. */
export async function readQualifyingRecords({ streams }: CommandDeps, line: BenefitLineState, creditCode: string): Promise<QualifyingRecords> {
  if (line.status !== 'defined') return NO_RECORDS;
  const { qualifyingDesignation, qualifyingPoolExit } = line.line;
  return {
    designations:
      qualifyingDesignation === undefined ? [] : (await streams.read(designationsStream(creditCode), designationsDecider)).state.designations,
    poolMember:
      qualifyingPoolExit === undefined ? NO_RECORDS.poolMember : (await streams.read(poolMemberStream(qualifyingPoolExit, creditCode), poolMemberDecider)).state,
  };
}

/** The working-day calendars of `years`, by year. */
export async function readCalendars({ streams }: CommandDeps, years: number[]): Promise<Calendars> {
  const calendars = new Map<number, CalendarState>();
  for (const year of years) calendars.set(year, (await streams.read(calendarStream(year), calendarDecider)).state);
  return calendars;
}

/** The state of another aggregate that a command looks up (read, not guarded by its revision). */
import { applicationStream } from '../application/application.js';
import { applicationDecider } from '../application/decide.js';
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

/** The working-day calendars of `years`, by year. */
export async function readCalendars({ streams }: CommandDeps, years: number[]): Promise<Calendars> {
  const calendars = new Map<number, CalendarState>();
  for (const year of years) calendars.set(year, (await streams.read(calendarStream(year), calendarDecider)).state);
  return calendars;
}

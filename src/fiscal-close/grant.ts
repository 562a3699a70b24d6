/**
 * The fiscal-year close (结账) on an approved grant: its unpaid rest is carried over (结转) to the
 * next year's line, which its later payments draw on, or it lapses. The amount is what the grant's
 * own stream shows unpaid when the step is taken; a step the stream already shows writes nothing.
 * The application decider (src/application/decide.ts) routes its commands here.
 */
import { type ApplicationEvent, type ApplicationState, unpaidFen } from '../application/application.js';
import { DomainError } from '../shared/errors.js';

export type GrantCloseCommand =
  | { type: 'CarryOverGrant'; data: { applicationId: string; approvalId: string; fromBudgetLineId: string; toBudgetLineId: string; now: string } }
  | { type: 'LapseGrant'; data: { applicationId: string; approvalId: string; budgetLineId: string; now: string } };

type Command<T extends GrantCloseCommand['type']> = Extract<GrantCloseCommand, { type: T }>;
type Approved = Extract<ApplicationState, { status: 'approved' }>;

/** The grant the close settles on `budgetLineId`: approved by this approval and drawing on that line. */
function grantOn(state: ApplicationState, applicationId: string, approvalId: string): Approved {
  if (state.status !== 'approved' || state.approvalId !== approvalId) {
    throw new DomainError('INVALID_TRANSITION', `application ${applicationId} is not approved by ${approvalId}: the close cannot settle it`);
  }
  return state;
}

export function carryOverGrant({ data }: Command<'CarryOverGrant'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, approvalId, fromBudgetLineId, toBudgetLineId, now } = data;
  const grant = grantOn(state, applicationId, approvalId);
  if (grant.drawsOn !== fromBudgetLineId) return [];
  const amountFen = unpaidFen(grant);
  if (amountFen === 0) return [];
  return [{ type: 'GrantCarriedOver', data: { applicationId, approvalId, fromBudgetLineId, toBudgetLineId, amountFen, carriedAt: now } }];
}

export function lapseGrant({ data }: Command<'LapseGrant'>, state: ApplicationState): ApplicationEvent[] {
  const { applicationId, approvalId, budgetLineId, now } = data;
  const grant = grantOn(state, applicationId, approvalId);
  const amountFen = unpaidFen(grant);
  if (grant.drawsOn !== budgetLineId || amountFen === 0) return [];
  return [{ type: 'GrantLapsed', data: { applicationId, approvalId, budgetLineId, amountFen, lapsedAt: now } }];
}

export function decideGrantClose(command: GrantCloseCommand, state: ApplicationState): ApplicationEvent[] {
  switch (command.type) {
    case 'CarryOverGrant':
      return carryOverGrant(command, state);
    case 'LapseGrant':
      return lapseGrant(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

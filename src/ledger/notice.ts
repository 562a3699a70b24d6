/**
 * The ledger's public-notice commands (公示): an officer publishes reviewed applications for
 * notice; anyone with a role records a written objection in their own name; someone other than
 * the publisher upholds it (the application is then rejected with the reason) or dismisses it.
 */
import { beijingDate, yearOf } from '../calendar/calendar.js';
import type { CommandContext, CommandDeps } from '../commands/envelope.js';
import { handle } from '../commands/handle.js';
import { readApplication, readCalendars, readEnterprise, readLine } from '../commands/lookups.js';
import { type ApplicationOnFile, type NoticeCommand, noticeBoardDecider } from '../notice/decide.js';
import { noticeBoardStream } from '../notice/notice.js';
import { DomainError } from '../shared/errors.js';
import { deterministicId } from '../shared/ids.js';
import { applicationCommands } from './applications.js';

export interface PublishNoticeInput {
  lineCode: string;
  fiscalYear: number;
  applicationIds: string[];
}

export interface ObjectionInput {
  applicationId: string;
  /** 实名: who objects, in their own name. */
  objectorName: string;
  contact: string;
  statement: string;
}

export interface ObjectionDecisionInput {
  applicationId: string;
  objectionId: string;
  reason: string;
}

export function noticeCommands(deps: CommandDeps) {
  const { rejectApplication } = applicationCommands(deps);

  /** The line and year of an application: they name the notice board it is on. */
  const boardOf = async (applicationId: string) => {
    const { state } = await readApplication(deps, applicationId);
    if (state.status === 'none') throw new DomainError('NOT_FOUND', `there is no application ${applicationId}`);
    return { stream: noticeBoardStream(state.submission.lineCode, state.submission.fiscalYear), status: state.status };
  };

  const onFile = async (applicationId: string): Promise<ApplicationOnFile> => {
    const { state } = await readApplication(deps, applicationId);
    if (state.status === 'none') return { applicationId, state };
    const enterprise = await readEnterprise(deps, state.submission.creditCode);
    return { applicationId, state, ...(enterprise.status === 'registered' ? { enterpriseName: enterprise.name } : {}) };
  };

  const decideObjection = async (type: 'UpholdObjection' | 'DismissObjection', input: ObjectionDecisionInput, ctx: CommandContext) => {
    const { stream } = await boardOf(input.applicationId);
    return handle(deps, ctx, type, input, (env) => ({
      stream,
      decider: noticeBoardDecider,
      command: (): NoticeCommand => ({ type, data: { objectionId: input.objectionId, reason: input.reason, decidedBy: ctx.actorId, now: env.now } }),
      ids: { applicationId: input.applicationId, objectionId: input.objectionId },
    }));
  };

  return {
    /**
     * Publishes reviewed applications of one line and year for public notice, for the line's
     * working days from the first working day on or after today. Returns `{ noticeId }`.
     */
    publishNotice: (input: PublishNoticeInput, ctx: CommandContext) =>
      handle(deps, ctx, 'PublishNotice', input, (env) => {
        const noticeId = deterministicId(env.commandId, 'notice');
        return {
          stream: noticeBoardStream(input.lineCode, input.fiscalYear),
          decider: noticeBoardDecider,
          command: async (): Promise<NoticeCommand> => {
            const year = yearOf(beijingDate(env.now));
            // A notice runs at most 30 working days: this year's calendar and the next cover it.
            const calendars = await readCalendars(deps, [year, year + 1]);
            const applications: ApplicationOnFile[] = [];
            for (const applicationId of input.applicationIds) applications.push(await onFile(applicationId));
            const line = await readLine(deps, input.lineCode);
            return { type: 'PublishNotice', data: { ...input, noticeId, publishedBy: ctx.actorId, now: env.now, line, applications, calendars } };
          },
          ids: { noticeId },
        };
      }),

    /** Records a written objection (异议) to an application under notice, naming who objects. Returns `{ applicationId, objectionId }`. */
    recordObjection: async (input: ObjectionInput, ctx: CommandContext) => {
      const { stream } = await boardOf(input.applicationId);
      return handle(deps, ctx, 'RecordObjection', input, (env) => {
        const objectionId = deterministicId(env.commandId, 'objection');
        return {
          stream,
          decider: noticeBoardDecider,
          command: (): NoticeCommand => ({ type: 'RecordObjection', data: { ...input, objectionId, recordedBy: ctx.actorId, now: env.now } }),
          ids: { applicationId: input.applicationId, objectionId },
        };
      });
    },

    /**
     * Upholds an objection (异议成立) and rejects the application with the reason; the same key
     * sent again finishes a rejection a crash interrupted. Returns `{ applicationId, objectionId }`.
     */
    upholdObjection: async (input: ObjectionDecisionInput, ctx: CommandContext) => {
      const upheld = await decideObjection('UpholdObjection', input, ctx);
      const { status } = await boardOf(input.applicationId);
      // Withdrawn or rejected meanwhile: the objection is on record, and there is nothing left to reject.
      if (status !== 'submitted' && status !== 'reviewed') return upheld;
      const rejected = await rejectApplication(
        { applicationId: input.applicationId, reason: `公示异议成立：${input.reason}` },
        { ...ctx, idempotencyKey: `${ctx.idempotencyKey}:reject` },
      );
      return { ...upheld, position: rejected.position };
    },

    /** Dismisses an objection (异议不成立), with a reason. Returns `{ applicationId, objectionId }`. */
    dismissObjection: (input: ObjectionDecisionInput, ctx: CommandContext) => decideObjection('DismissObjection', input, ctx),
  };
}

/** The application list (申请列表) and the approval attempts, for officers and applicants. */
import {
  applicationList,
  type ApplicationRow,
  type ApplicationStatus,
  type ApprovalRow,
} from './application-list.js';
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { selectList } from '../../src/readmodel/table.js';
import { byKeys, listed, where, type Page } from '../../src/readmodel/queries/sql.js';

export interface ApplicationFilter {
  creditCode?: string;
  status?: ApplicationStatus;
  lineCode?: string;
  fiscalYear?: number;
  county?: string;
}

const APPLICATION = selectList(applicationList.tables.applications);
const APPROVAL = selectList(applicationList.tables.approvals);

export function applicationQueries(rs: ReadStore) {
  return {
    /** Applications under the filter, the latest submitted first. */
    applications(filter: ApplicationFilter, page: Page) {
      const w = where([
        ['credit_code = ?', filter.creditCode],
        ['status = ?', filter.status],
        ['line_code = ?', filter.lineCode],
        ['fiscal_year = ?', filter.fiscalYear],
        ['county = ?', filter.county],
      ]);
      return listed<ApplicationRow>(rs, APPLICATION, 'applications', w, 'submitted_at DESC, application_id DESC', page);
    },
    applicationsById: byKeys<ApplicationRow>(rs, APPLICATION, 'applications', 'application_id', (a) => a.applicationId),
    /** Every application of one enterprise, oldest first. */
    applicationIdsOf: (creditCode: string) =>
      rs
        .all<{ id: string }>(`SELECT application_id AS id FROM applications WHERE credit_code = ? ORDER BY submitted_at, application_id`, [
          creditCode,
        ])
        .map((row) => row.id),
    approvalsById: byKeys<ApprovalRow>(rs, APPROVAL, 'approvals', 'approval_id', (a) => a.approvalId),
    /**
     * Applications with an approval a crash or a lost race may have left unfinished, as of
     * `before`: still pending though it started before then, or abandoned before then and still
     * holding a reservation (its releases were cut off), however long ago. All of them: a few that
     * keep failing must not hide the rest.
     */
    applicationsWithUnfinishedApprovals: (before: string) =>
      rs
        .all<{ id: string }>(
          `SELECT DISTINCT application_id AS id FROM approvals
           WHERE (status = 'pending' AND started_at < ?) OR (status = 'abandoned' AND reservations_held > 0 AND abandoned_at < ?)
           ORDER BY application_id`,
          [before, before],
        )
        .map((row) => row.id),
    /** Every approval attempt on one application, in the order they started. */
    approvalsOf: (applicationId: string) =>
      rs.all<ApprovalRow>(`SELECT ${APPROVAL} FROM approvals WHERE application_id = ? ORDER BY started_at, approval_id`, [
        applicationId,
      ]),
  };
}

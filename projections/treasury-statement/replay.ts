/**
 * What the replay must give for the treasury statement: files, records (which say the payment
 * each matched), the ledger's payments, payees and resolutions, folded from the log in plain maps.
 */
import type { EventData } from '../../src/events.js';
import { defineReplay, mapValues, named, type Figures, type Fold } from '../../src/readmodel/replay.js';
import { treasuryRecordId } from '../../src/treasury/match.js';
import { payeeNameKey } from '../../src/treasury/record.js';
import { registered } from '../enterprise-register/replay.js';

interface Treasury {
  /** Application → its firm's credit code. */
  firms: Map<string, string>;
  payments: Map<string, Figures>;
  files: Map<string, Figures>;
  records: Map<string, Figures>;
  resolutions: Map<string, Figures>;
}

function recordFigures(d: EventData<'TreasuryRecordsMatched'>, r: EventData<'TreasuryRecordsMatched'>['records'][number]): Figures {
  return {
    file_id: d.fileId,
    row: r.row,
    period: d.period,
    payment_order_no: r.paymentOrderNo,
    payee_name: r.payeeName,
    payee_credit_code: r.payeeCreditCode,
    payee_account: r.payeeAccount,
    amount_fen: r.amountFen,
    value_date: r.valueDate,
    outcome: r.outcome,
    method: r.method,
    disbursement_id: r.disbursementId,
    differences: r.differences.join(','),
    duplicate_of: r.duplicateOf,
  };
}

function applyTreasury(s: Treasury, event: Parameters<Fold<Treasury>['apply']>[1]): void {
  switch (event.type) {
    case 'TreasuryFileImported': {
      const d = event.data;
      s.files.set(d.fileId, {
        file_name: d.fileName, period: d.period, date_window_days: d.dateWindowDays, record_count: d.recordCount,
        total_fen: d.totalFen, recorded: 0, imported_by: d.importedBy, imported_at: d.importedAt, matched_at: null,
      });
      return;
    }
    case 'TreasuryRecordsMatched': {
      const file = named(s.files, event.data.fileId, 'treasury file', 'imported');
      file.recorded = Number(file.recorded) + event.data.records.length;
      for (const r of event.data.records) {
        s.records.set(treasuryRecordId(event.data.fileId, r.row), recordFigures(event.data, r));
      }
      return;
    }
    case 'TreasuryFileMatched':
      named(s.files, event.data.fileId, 'treasury file', 'imported').matched_at = event.data.matchedAt;
      return;
    case 'TreasuryExceptionResolved': {
      const { exceptionId, kind, period, reason, resolvedBy, resolvedAt } = event.data;
      s.resolutions.set(exceptionId, { kind, period, reason, resolved_by: resolvedBy, resolved_at: resolvedAt, confirmed_by: null, confirmed_at: null });
      return;
    }
    case 'TreasuryResolutionConfirmed':
      Object.assign(named(s.resolutions, event.data.exceptionId, 'treasury exception', 'resolved'), {
        confirmed_by: event.data.confirmedBy,
        confirmed_at: event.data.confirmedAt,
      });
      return;
    default:
      return;
  }
}

const treasury: Fold<Treasury> = {
  initial: () => ({ firms: new Map(), payments: new Map(), files: new Map(), records: new Map(), resolutions: new Map() }),
  apply(s, event) {
    if (event.type === 'ApplicationSubmitted') s.firms.set(event.data.applicationId, event.data.creditCode);
    else if (event.type === 'DisbursementRecorded') {
      const d = event.data;
      s.payments.set(d.disbursementId, {
        application_id: d.applicationId, credit_code: named(s.firms, d.applicationId, 'application', 'submitted'),
        amount_fen: d.amountFen, paid_on: d.paidOn, payment_reference: d.paymentReference,
      });
    } else applyTreasury(s, event);
  },
};

const copies = (rows: Map<string, Figures>) => mapValues(rows, (row) => ({ ...row }));

export const treasuryStatementReplay = defineReplay({
  folds: { treasury, registered },
  tables: {
    tsFiles: {
      key: 'file_id',
      columns: ['file_name', 'period', 'date_window_days', 'record_count', 'total_fen', 'recorded', 'imported_by', 'imported_at', 'matched_at'],
      rows: ({ treasury }) => copies(treasury.files),
    },
    tsRecords: {
      // Its id, treasuryRecordId: the table keeps the file and the row.
      key: `'record-' || file_id || '-' || row`,
      columns: [
        'file_id', 'row', 'period', 'payment_order_no', 'payee_name', 'payee_credit_code', 'payee_account', 'amount_fen', 'value_date',
        'outcome', 'method', 'disbursement_id', 'differences', 'duplicate_of',
      ],
      rows: ({ treasury }) => copies(treasury.records),
    },
    tsPayments: {
      key: 'disbursement_id',
      columns: ['application_id', 'credit_code', 'amount_fen', 'paid_on', 'payment_reference'],
      rows: ({ treasury }) => copies(treasury.payments),
    },
    tsApplications: {
      key: 'application_id',
      columns: ['credit_code'],
      rows: ({ treasury }) => mapValues(treasury.firms, (creditCode) => ({ credit_code: creditCode })),
    },
    tsPayees: {
      key: 'credit_code',
      columns: ['name', 'name_key'],
      rows: ({ registered }) => mapValues(registered, (firm) => ({ name: firm.name, name_key: payeeNameKey(firm.name) })),
    },
    tsResolutions: {
      key: 'exception_id',
      columns: ['kind', 'period', 'reason', 'resolved_by', 'resolved_at', 'confirmed_by', 'confirmed_at'],
      rows: ({ treasury }) => copies(treasury.resolutions),
    },
  },
});

/**
 * A qualifying fact the ledger itself records: a designation (认定) such as a startup base's
 * provincial recognition, or a firm's exit from the cultivation pool as above-designated-size.
 * The line says which (catalog data); approving an award whose fact the record does not show is refused.
 */
import type { BenefitLineDefinition } from '../catalog/catalog.js';
import type { QualifyingFact } from '../claim/claim.js';
import type { PoolMemberState } from '../cultivation-pool/cultivation-pool.js';
import { type Designation, standsOn } from '../designation/designation.js';
import { beijingDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';

/** What the ledger records of the firm that a line's fact may rest on: looked up by the command handling. */
export interface QualifyingRecords {
  designations: readonly Designation[];
  /** The firm's place in the line's cultivation pool (`outside` when the line names none). */
  poolMember: PoolMemberState;
}

export const NO_RECORDS: QualifyingRecords = { designations: [], poolMember: { status: 'outside' } };

const missing = (message: string) => new DomainError('PREREQUISITE_MISSING', message);

function assertDesignation(kindCode: string, fact: QualifyingFact, designations: readonly Designation[], today: string): void {
  const designation = designations.find((d) => d.kindCode === kindCode && d.documentNumber === fact.reference);
  if (!designation) {
    throw missing(`no ${kindCode} designation under ${fact.reference} is recorded for this firm: record the recognition (认定) before approving`);
  }
  if (!standsOn(designation, today)) {
    throw missing(`the ${kindCode} designation under ${fact.reference} does not stand on ${today} (valid ${designation.designatedOn} to ${designation.validUntil ?? '…'})`);
  }
}

function assertPoolExit(poolMember: PoolMemberState, fact: QualifyingFact): void {
  if (poolMember.status === 'monitored') {
    throw missing(`the cultivation pool still monitors this firm as small/micro since ${poolMember.enteredYear}: record its exit as above-designated-size first`);
  }
  if (poolMember.status === 'left' && poolMember.reason === 'above-designated-size' && poolMember.reference !== fact.reference) {
    throw missing(`the firm left the cultivation pool on the statistics entry ${poolMember.reference}, not ${fact.reference}`);
  }
}

/** Refuses when the line's fact must be a record of the ledger that does not show it on `now`. */
export function assertQualifyingRecord(line: BenefitLineDefinition, fact: QualifyingFact, records: QualifyingRecords, now: string): void {
  if (line.qualifyingDesignation !== undefined) assertDesignation(line.qualifyingDesignation, fact, records.designations, beijingDate(now));
  if (line.qualifyingPoolExit !== undefined) assertPoolExit(records.poolMember, fact);
}

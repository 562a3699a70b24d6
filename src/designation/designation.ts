/**
 * Designations (认定): statuses a beneficiary is granted by a designating document (文号), e.g. a
 * provincial small/micro startup base (省级小微企业创业基地) or a "little giant" technology firm
 * (科技"小巨人"企业). Their kinds are catalog data; each designation is an event on the firm.
 */
import type { EnterpriseKind } from '../enterprise/enterprise.js';
import type { Fen } from '../shared/money.js';

// ── Glossary ────────────────────────────────────────────────────────────────────────────────

/** Who designates: the state (国家级), the province (省级) or the city (市级). */
export type DesignationLevel = 'national' | 'provincial' | 'municipal';

/** What a designation is given to: the beneficiary itself, or one of its products (产品认定, e.g. 专精特新产品). */
export type DesignationSubject = 'beneficiary' | 'product';

/** A kind of designation, as a policy's catalog defines it: another policy's kinds need no code. */
export interface DesignationKindDefinition {
  kindCode: string;
  policyCode: string;
  /** The article (条) that names it, e.g. "(一)". */
  article: string;
  title: string;
  titleZh: string;
  level: DesignationLevel;
  subject: DesignationSubject;
  eligibleKinds: EnterpriseKind[];
  /** How long a designation stands, in years from its date; absent: until revoked by another document. */
  validityYears?: number;
  /** The least annual revenue (年营业收入) a designated firm shows, e.g. 科技"小巨人": over ¥100M. */
  minimumAnnualRevenueFen?: Fen;
  /** What the designation brings beside money, in the policy's words, e.g. 给予其百户重点企业同样待遇. */
  treatment?: string;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type DesignationEvent =
  | { type: 'DesignationKindDefined'; data: DesignationKindDefinition & { definedAt: string } }
  | {
      type: 'DesignationRecorded';
      data: {
        creditCode: string;
        designationId: string;
        kindCode: string;
        level: DesignationLevel;
        /** 文号 of the designating document, e.g. 豫工信企业〔2016〕88号. */
        documentNumber: string;
        /** Who designated, e.g. 河南省工业和信息化厅. */
        designatedBy: string;
        designatedOn: string;
        /** Last day it stands, from the kind's validity; absent: open-ended. */
        validUntil?: string;
        /** The product designated, for a product designation. */
        product?: string;
        annualRevenueFen?: Fen;
        recordedBy: string;
        recordedAt: string;
      };
    };

export const designationKindStream = (kindCode: string) => `designation-kind-${kindCode}`;
/** A beneficiary's designations, all kinds in one stream. */
export const designationsStream = (creditCode: string) => `designations-${creditCode}`;
/** The streams in a case officer's words, for messages (stream names are internal). */
export const designationKindStreamLabel = 'designation kind';
export const designationsStreamLabel = "beneficiary's designations";

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type DesignationKindState = { status: 'not-defined' } | { status: 'defined'; kind: DesignationKindDefinition };

export const initialKindState: DesignationKindState = { status: 'not-defined' };

export function evolveKind(state: DesignationKindState, event: DesignationEvent): DesignationKindState {
  if (event.type !== 'DesignationKindDefined') return state;
  const { definedAt: _definedAt, ...kind } = event.data;
  return { status: 'defined', kind };
}

export type Designation = Omit<Extract<DesignationEvent, { type: 'DesignationRecorded' }>['data'], 'recordedAt' | 'recordedBy'>;

/** A beneficiary's designations, in the order recorded. */
export interface DesignationsState {
  designations: Designation[];
}

export const initialDesignationsState: DesignationsState = { designations: [] };

export function evolveDesignations(state: DesignationsState, event: DesignationEvent): DesignationsState {
  if (event.type !== 'DesignationRecorded') return state;
  const { recordedAt: _recordedAt, recordedBy: _recordedBy, ...designation } = event.data;
  return { designations: [...state.designations, designation] };
}

/** Whether a designation stands on `date` (ISO): designated by then and not yet expired. */
export const standsOn = (designation: Designation, date: string): boolean =>
  designation.designatedOn <= date && (designation.validUntil === undefined || date <= designation.validUntil);

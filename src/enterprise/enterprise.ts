/**
 * Enterprise register: each beneficiary, keyed by its Unified Social Credit Code
 * (统一社会信用代码, GB 32100-2015).
 */

/** enterprise: a small/micro firm (小微企业); startup-base: 创业基地; guarantee-institution: 融资性担保机构. */
export type EnterpriseKind = 'enterprise' | 'startup-base' | 'guarantee-institution';

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type EnterpriseEvent = {
  type: 'EnterpriseRegistered';
  data: {
    creditCode: string;
    name: string;
    /** Code of the county/district (县市区) where the firm is, e.g. "yuzhou" for 禹州市. */
    county: string;
    kind: EnterpriseKind;
    registeredAt: string;
  };
};

export const enterpriseStream = (creditCode: string) => `enterprise-${creditCode}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const enterpriseStreamLabel = 'enterprise';

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type Enterprise = Omit<Extract<EnterpriseEvent, { type: 'EnterpriseRegistered' }>['data'], 'registeredAt'>;

export type EnterpriseState = { status: 'unregistered' } | ({ status: 'registered' } & Enterprise);

export const initialState: EnterpriseState = { status: 'unregistered' };

export function evolve(state: EnterpriseState, event: EnterpriseEvent): EnterpriseState {
  switch (event.type) {
    case 'EnterpriseRegistered': {
      const { registeredAt: _registeredAt, ...enterprise } = event.data;
      return { status: 'registered', ...enterprise };
    }
    default:
      return state;
  }
}

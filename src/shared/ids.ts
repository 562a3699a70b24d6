import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/** Namespace of the ledger's deterministic ids (a fixed, random v4), as bytes: parsed once, not on every id. */
const LEDGER_NAMESPACE = parseUuid('6f1c7a52-3f0e-4c61-9d3b-2b8e5f7a9c10');

/** A deterministic RFC 4122 v5 uuid: the same parts always give the same id. */
export function deterministicId(...parts: string[]): string {
  return uuidv5(parts.join('\u001f'), LEDGER_NAMESPACE);
}

/**
 * The ledger's head-signing key (Ed25519): `LEDGER_SIGNING_KEY` (PKCS#8 PEM text) or
 * `LEDGER_SIGNING_KEY_FILE`; in development, without either, a key generated once under the data
 * folder, with a warning, as the JWT secret has a development default. Production requires one.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type SigningKeySource =
  | { kind: 'pem'; pem: string }
  | { kind: 'file'; file: string }
  /** Development only: made at `file` when missing. */
  | { kind: 'development'; file: string }
  /** Production without a key: refused when the API starts (the command-line tools need none). */
  | { kind: 'missing' };

export interface LoadedKey {
  key: KeyObject;
  /** Set when the key is the development one: say so at start. */
  warning?: string;
}

export function loadSigningKey(source: SigningKeySource): LoadedKey {
  if (source.kind === 'pem') return { key: ed25519(source.pem, 'LEDGER_SIGNING_KEY') };
  if (source.kind === 'file') return { key: ed25519(readFileSync(source.file, 'utf8'), source.file) };
  if (source.kind === 'missing') throw new Error('LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE is required in production: the key tree heads are signed with');
  if (!existsSync(source.file)) {
    mkdirSync(dirname(source.file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(source.file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  return {
    key: ed25519(readFileSync(source.file, 'utf8'), source.file),
    warning: `signed tree heads use a development key generated at ${source.file}; set LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE`,
  };
}

function ed25519(pem: string, where: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where}: the head-signing key must be an Ed25519 private key`);
  return key;
}

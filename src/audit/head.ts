/**
 * Signed tree heads (签名树头): a tree size and root, when and why they were signed, and an Ed25519
 * signature by the ledger's key over the RFC 8785 bytes of all of that. A head is what
 * `GET /ledger/head` returns and what the offline verifier takes: published where the operator
 * cannot change it, it pins the log up to its size.
 */
import canonicalize from 'canonicalize';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Hash } from './merkle.js';

export interface SignedHead {
  /** Leaves the head covers: the first `treeSize` events of the log. */
  treeSize: number;
  /** MTH of those leaves, hex. */
  rootHash: string;
  signedAt: string;
  /** Why it was signed: `schedule`, `on demand by <user>`, `fiscal-year close <year>`, … */
  reason: string;
  /** First 16 hex digits of SHA-256 of the raw public key: what an auditor pins. */
  keyId: string;
  /** The raw Ed25519 public key, base64url (as a JWK's `x`). */
  publicKey: string;
  /** Ed25519 over the canonical bytes of every other member, base64. */
  signature: string;
}

export type UnsignedHead = Omit<SignedHead, 'signature' | 'keyId' | 'publicKey'>;

export class HeadSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadSignatureError';
  }
}

/** The raw public key of an Ed25519 key pair (private or public key object), base64url. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new HeadSignatureError('the ledger signs heads with an Ed25519 key only');
  return jwk.x;
}

export const keyIdOf = (publicKey: string) =>
  createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);

const signedBytes = (head: Omit<SignedHead, 'signature'>) => {
  const { treeSize, rootHash, signedAt, reason, keyId, publicKey } = head;
  return Buffer.from(canonicalize({ treeSize, rootHash, signedAt, reason, keyId, publicKey })!, 'utf8');
};

export function signHead(head: UnsignedHead, privateKey: KeyObject): SignedHead {
  const publicKey = rawPublicKey(privateKey);
  const unsigned = { ...head, keyId: keyIdOf(publicKey), publicKey };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

/** Throws unless the head is well formed and its signature is good for the key it names. */
export function verifyHeadSignature(head: SignedHead): void {
  if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0) throw new HeadSignatureError(`bad tree size ${head.treeSize}`);
  if (!/^[0-9a-f]{64}$/.test(head.rootHash)) throw new HeadSignatureError('the root hash is not 64 hex digits');
  if (keyIdOf(head.publicKey) !== head.keyId) throw new HeadSignatureError('the key id does not match the public key');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: head.publicKey }, format: 'jwk' });
  } catch {
    throw new HeadSignatureError('the public key is not an Ed25519 key');
  }
  if (!verify(null, signedBytes(head), key, Buffer.from(head.signature, 'base64'))) {
    throw new HeadSignatureError(`the signature of the head of size ${head.treeSize} is not good for key ${head.keyId}`);
  }
}

export const rootOf = (head: SignedHead): Hash => Buffer.from(head.rootHash, 'hex');

/** A head read from a file: the members a head has, of the right types, or an error naming the file. */
export function parseHead(text: string, where: string): SignedHead {
  const head = JSON.parse(text) as Record<string, unknown>;
  const strings = ['rootHash', 'signedAt', 'reason', 'keyId', 'publicKey', 'signature'];
  if (typeof head.treeSize !== 'number' || strings.some((k) => typeof head[k] !== 'string')) {
    throw new HeadSignatureError(`${where} is not a signed head (treeSize, rootHash, signedAt, reason, keyId, publicKey, signature)`);
  }
  return head as unknown as SignedHead;
}

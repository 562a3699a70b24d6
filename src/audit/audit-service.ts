/**
 * The ledger's audit service: signs tree heads (on a schedule, on demand, at a fiscal-year close)
 * over the audit tree the projections keep, keeps them in order, and answers inclusion and
 * consistency proofs against them. Before it signs, it checks the tree still extends the newest
 * head: a log rewritten under the ledger is refused a signature, not given a fresh one.
 */
import type { KeyObject } from 'node:crypto';
import type { Leaf } from '../../projections/merkle-tree/queries.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { rootOf, signHead, type SignedHead } from './head.js';
import type { HeadLog } from './head-log.js';
import { toHex } from './hex.js';
import { verifyConsistency } from './merkle.js';

/** An event's leaf and its audit path to the root of a signed head. */
export interface InclusionProof {
  leaf: Leaf;
  head: SignedHead;
  /** RFC 6962 audit path, leaf side first, hex. */
  proof: string[];
}

export interface ConsistencyProof {
  from: SignedHead;
  to: SignedHead;
  /** RFC 6962 consistency proof, hex. */
  proof: string[];
}

/** Which event: by id or by the store's position. */
export type EventRef = { eventId: string } | { position: string };

export interface AuditService {
  /** Signs the tree as it stands once the projections have reached the head of the log. */
  signHead(options: { reason: string }): Promise<SignedHead>;
  /** The head a fiscal-year close is signed with (the close itself is another command's). */
  signFiscalYearClose(fiscalYear: number): Promise<SignedHead>;
  newestHead(): SignedHead | undefined;
  /** Every head, oldest first. */
  heads(): SignedHead[];
  /** Against the newest head of size `treeSize`, or the newest head when none is given. */
  inclusionProof(event: EventRef, treeSize?: number): InclusionProof;
  consistencyProof(fromSize: number, toSize: number): ConsistencyProof;
  /** Stops the schedule. */
  stop(): void;
}

export class HeadRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadRefusedError';
  }
}

export interface AuditServiceOptions {
  read: Pick<ReadModelQueries, 'merkleTreeSize' | 'merkleRoot' | 'inclusionProof' | 'consistencyProof' | 'leafByEventId' | 'leafByPosition'>;
  /** Resolves once the read models have applied the log as it is now. */
  catchUp(): Promise<void>;
  heads: HeadLog;
  signingKey: KeyObject;
  clock: Clock;
  /** A head every so often when the log has grown since the last; absent: none on a schedule. */
  intervalMs?: number;
  onScheduleError?(error: Error): void;
}

export function createAuditService(options: AuditServiceOptions): AuditService {
  const { read, heads, signingKey, clock } = options;
  // Heads are signed one at a time, so each is checked against the one before it.
  let queue: Promise<unknown> = Promise.resolve();

  async function sign(reason: string): Promise<SignedHead> {
    await options.catchUp();
    const treeSize = read.merkleTreeSize();
    const rootHash = toHex(read.merkleRoot(treeSize));
    assertExtends(heads.newest(), treeSize, rootHash);
    const head = signHead({ treeSize, rootHash, signedAt: clock().toISOString(), reason }, signingKey);
    heads.append(head);
    return head;
  }

  function assertExtends(previous: SignedHead | undefined, treeSize: number, rootHash: string): void {
    if (!previous || previous.treeSize === 0) return;
    if (treeSize < previous.treeSize) {
      throw new HeadRefusedError(`the audit tree has ${treeSize} leaves, fewer than the ${previous.treeSize} of the newest head`);
    }
    try {
      const proof = read.consistencyProof(previous.treeSize, treeSize);
      verifyConsistency(previous.treeSize, treeSize, proof, rootOf(previous), Buffer.from(rootHash, 'hex'));
    } catch (error) {
      throw new HeadRefusedError(`the log no longer extends the head of size ${previous.treeSize}: ${(error as Error).message}`);
    }
  }

  const signHeadInOrder = ({ reason }: { reason: string }) => {
    const next = queue.then(() => sign(reason));
    queue = next.catch(() => undefined);
    return next;
  };

  const timer =
    options.intervalMs === undefined
      ? undefined
      : setInterval(() => {
          if (read.merkleTreeSize() <= (heads.newest()?.treeSize ?? 0)) return;
          signHeadInOrder({ reason: 'schedule' }).catch((error: Error) => options.onScheduleError?.(error));
        }, options.intervalMs);
  timer?.unref();

  function headOfSize(treeSize: number | undefined): SignedHead {
    const head = treeSize === undefined ? heads.newest() : heads.ofSize(treeSize);
    if (!head) throw new DomainError('NOT_FOUND', treeSize === undefined ? 'no tree head has been signed yet' : `no signed head has tree size ${treeSize}`);
    return head;
  }

  return {
    signHead: signHeadInOrder,
    signFiscalYearClose: (fiscalYear) => signHeadInOrder({ reason: `fiscal-year close ${fiscalYear}` }),
    newestHead: () => heads.newest(),
    heads: () => heads.all(),
    inclusionProof(event, treeSize) {
      const head = headOfSize(treeSize);
      const leaf = 'eventId' in event ? read.leafByEventId(event.eventId) : read.leafByPosition(event.position);
      if (!leaf) throw new DomainError('NOT_FOUND', `no event ${'eventId' in event ? event.eventId : `at position ${event.position}`} in the audit tree`);
      if (leaf.leafIndex >= head.treeSize) {
        throw new DomainError('NOT_FOUND', `event ${leaf.eventId} is leaf ${leaf.leafIndex}, after the ${head.treeSize} leaves the head covers`);
      }
      return { leaf, head, proof: read.inclusionProof(leaf.leafIndex, head.treeSize).map(toHex) };
    },
    consistencyProof(fromSize, toSize) {
      if (fromSize > toSize) throw new DomainError('INVALID_INPUT', `a head of size ${fromSize} cannot be a prefix of one of size ${toSize}`);
      const [from, to] = [headOfSize(fromSize), headOfSize(toSize)];
      // As RFC 6962: the empty tree is a prefix of every tree and needs no proof.
      const proof = fromSize === 0 ? [] : read.consistencyProof(fromSize, toSize);
      return { from, to, proof: proof.map(toHex) };
    },
    stop: () => clearInterval(timer),
  };
}

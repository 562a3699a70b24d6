/**
 * RFC 6962 proofs against transparency-dev/merkle's test vectors, used unmodified: every happy
 * path is accepted, every forged or malformed proof refused.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle.js';

const VECTORS = '/work/shared/standards/rfc6962-merkle-test-vectors/testdata';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.json') ? [path] : [];
  });
}

const b64 = (text: string) => Buffer.from(text, 'base64');

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const cases = <T>(kind: string) =>
  filesUnder(join(VECTORS, kind)).map((path) => [relative(VECTORS, path), JSON.parse(readFileSync(path, 'utf8')) as T] as const);

const outcome = (verify: () => void) => {
  try {
    verify();
    return 'accepted';
  } catch {
    return 'refused';
  }
};

describe('inclusion proofs (transparency-dev vectors)', () => {
  const all = cases<InclusionCase>('inclusion');
  it('has both happy paths and forgeries', () => {
    expect(all.filter(([, c]) => !c.wantErr).length).toBeGreaterThan(4);
    expect(all.filter(([, c]) => c.wantErr).length).toBeGreaterThan(40);
  });
  it.each(all)('%s', (_path, c) => {
    const verdict = outcome(() => verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root)));
    expect(verdict).toBe(c.wantErr ? 'refused' : 'accepted');
  });
});

describe('consistency proofs (transparency-dev vectors)', () => {
  const all = cases<ConsistencyCase>('consistency');
  it('has both happy paths and forgeries', () => {
    expect(all.filter(([, c]) => !c.wantErr).length).toBeGreaterThan(4);
    expect(all.filter(([, c]) => c.wantErr).length).toBeGreaterThan(40);
  });
  it.each(all)('%s', (_path, c) => {
    const verdict = outcome(() => verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2)));
    expect(verdict).toBe(c.wantErr ? 'refused' : 'accepted');
  });
});

/**
 * Certificates for a secure test node, made with openssl as EventStoreDB's certificate tool makes
 * them: a certificate authority, and a node certificate it signs for 127.0.0.1 and localhost.
 * Written to a temporary directory that `remove()` deletes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  /** The CA's certificate (PEM): what `tlsCAFile` names. */
  caFile: string;
  /** The node's key and certificate (PEM), for the double's `tls` option. */
  node: { key: Buffer; cert: Buffer };
  remove(): void;
}

/** A CA and a node certificate it signs for `subjectAltName` (default: 127.0.0.1 and localhost). */
export function makeTestCertificates(subjectAltName = 'IP:127.0.0.1,DNS:localhost'): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-test-certs-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=ledger test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'node.key', '-out', 'node.csr', '-subj', '/CN=eventstoredb-node');
  writeFileSync(join(dir, 'san.ext'), `subjectAltName=${subjectAltName}\n`);
  openssl('x509', '-req', '-in', 'node.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'node.crt', '-days', '2', '-extfile', 'san.ext');
  return {
    caFile: join(dir, 'ca.crt'),
    node: { key: readFileSync(join(dir, 'node.key')), cert: readFileSync(join(dir, 'node.crt')) },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

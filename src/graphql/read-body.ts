/** Reads a request body up to a byte limit: a larger body is refused without being buffered. */
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body exceeds ${limit} bytes`);
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(refused(req, limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(refused(req, limit));
      else chunks.push(chunk);
    });
    // Most bodies arrive in one chunk: no copy then.
    req.on('end', () => resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')));
    req.on('error', reject);
  });
}

/** The rest of the body is read and dropped, so the socket can still carry the 413 answer. */
function refused(req: IncomingMessage, limit: number): BodyTooLargeError {
  req.removeAllListeners('data');
  req.resume();
  return new BodyTooLargeError(limit);
}

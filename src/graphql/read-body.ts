/** Reads a request body up to a byte limit: a larger body is refused without being buffered. */
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body exceeds ${limit} bytes`);
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return refuse();
      chunks.push(chunk);
    });
    // Most bodies arrive in one chunk: no copy then.
    req.on('end', () => resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')));
    req.on('error', reject);

    // The rest of the body is read and dropped, so the socket can still carry the 413 answer.
    function refuse() {
      req.removeAllListeners('data');
      req.resume();
      reject(new BodyTooLargeError(limit));
    }
  });
}

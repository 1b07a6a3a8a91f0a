// Reading a request body no further than a limit: a body declared or found larger is
// refused without being read whole, and nothing of it is kept.
import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; body: Buffer } | { ok: false; why: 'too-large' | 'gone' };

export function declaredLength(request: IncomingMessage): number {
  const declared = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(declared) && declared >= 0 ? declared : Infinity;
}

export function readBody(request: IncomingMessage, max: number): Promise<BodyRead> {
  if (declaredLength(request) > max) return Promise.resolve({ ok: false, why: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= max) return void chunks.push(chunk);
      // The rest is never read: the answer closes the connection.
      request.off('data', onData);
      request.pause();
      resolve({ ok: false, why: 'too-large' });
    };
    request.on('data', onData);
    request.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks, length) }));
    // A client gone before the end, or a connection cut: nothing to answer, nothing kept.
    request.once('close', () => resolve({ ok: false, why: 'gone' }));
    request.once('error', () => resolve({ ok: false, why: 'gone' }));
  });
}

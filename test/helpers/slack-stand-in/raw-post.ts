// A POST on a connection of its own, for requests the server may refuse before reading
// them whole (a 413 closes the connection): a pooled connection would fail the next request.
import { request } from 'node:http';

export interface RawReply {
  status: number;
  text: string;
}

export function rawPost(url: string, body: string | Buffer, headers: Record<string, string>): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

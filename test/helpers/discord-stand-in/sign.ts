// Requests signed the way Discord signs HTTP interactions: X-Signature-Ed25519 is the hex
// Ed25519 signature, by the application's key, of X-Signature-Timestamp followed by the raw
// body. The key pair is made here, in the test; the bot gets only the public half.
import { generateKeyPairSync, sign } from 'node:crypto';
import { request } from 'node:http';

export interface Signer {
  /** The public key as the Developer Portal shows it: 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  sign(timestamp: string, body: string | Buffer): string;
}

export function newSigner(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return {
    publicKey: Buffer.from(x, 'base64url').toString('hex'),
    sign: (timestamp, body) => sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey).toString('hex'),
  };
}

export interface SignedPostOptions {
  signer: Signer;
  /** Seconds since the epoch; now unless given. */
  timestamp?: number;
  /** Sent instead of the right signature; null sends none. */
  signature?: string | null;
  headers?: Record<string, string>;
}

export interface HttpReply {
  status: number;
  text: string;
  /** The body as JSON, when it is JSON. */
  json: Record<string, any> | undefined;
}

/**
 * A signed POST on a connection of its own: a refused request may close its connection
 * (413), which would break the next request on a pooled one.
 */
export function postSigned(url: string, body: string | Buffer, options: SignedPostOptions): Promise<HttpReply> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = options.signature === undefined ? options.signer.sign(timestamp, body) : options.signature;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-signature-timestamp': timestamp,
    ...(signature === null ? {} : { 'x-signature-ed25519': signature }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, json: parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function parse(text: string): Record<string, any> | undefined {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return undefined;
  }
}

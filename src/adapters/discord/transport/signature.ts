// Discord signs every HTTP interaction with the application's Ed25519 key: X-Signature-Ed25519
// is the signature of X-Signature-Timestamp followed by the raw body. Node's own crypto
// verifies Ed25519, so no package is needed for it.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The Developer Portal's "Public Key" (64 hex characters) as a key Node can verify with. */
export function publicKeyFromHex(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

const SIGNATURE = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,12}$/;

export type SignatureCheck = 'valid' | 'missing' | 'invalid' | 'stale';

/**
 * What the headers alone tell, before any of the body is read: a request without a
 * well-formed, recent signature is refused unread. 'plausible' only means worth reading.
 */
export function checkSignatureHeaders(headers: { signature?: string; timestamp?: string }, options: { nowSeconds: number; maxAgeSeconds: number }): SignatureCheck | 'plausible' {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) return 'invalid';
  // The clock first: it costs nothing, and a flood of old requests then costs no verification.
  if (Math.abs(options.nowSeconds - Number(timestamp)) > options.maxAgeSeconds) return 'stale';
  return 'plausible';
}

/**
 * Whether the request was signed by Discord, and recently: an old request replayed by
 * someone who saw it is refused like a forged one.
 */
export function checkSignature(key: KeyObject, headers: { signature?: string; timestamp?: string }, body: Buffer, options: { nowSeconds: number; maxAgeSeconds: number }): SignatureCheck {
  const early = checkSignatureHeaders(headers, options);
  if (early !== 'plausible') return early;
  const signed = Buffer.concat([Buffer.from(headers.timestamp!, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(headers.signature!, 'hex')) ? 'valid' : 'invalid';
}

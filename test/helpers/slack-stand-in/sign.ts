// Requests signed the way Slack signs them: x-slack-signature is "v0=" and the hex
// HMAC-SHA256, keyed by the signing secret, of "v0:<timestamp>:<raw body>".
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret: string;
  /** Seconds since the epoch; now unless given. */
  timestamp?: number;
  /** Sent instead of the right signature. */
  signature?: string;
}

export interface SlackReply {
  status: number;
  text: string;
  /** The body as JSON, when it is JSON. */
  json: Record<string, unknown> | undefined;
}

export async function postSigned(url: string, body: string, contentType: string, options: SignOptions): Promise<SlackReply> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(options.secret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A slash command as Slack posts it: form fields. */
export function slashCommandBody(fields: { command: string; text: string; user_id: string; response_url: string }): string {
  return new URLSearchParams({
    token: 'verification-token-unused',
    team_id: 'T0NEWS',
    team_domain: 'newsroom',
    channel_id: 'C0DESK',
    channel_name: 'news-desk',
    user_name: 'reporter',
    api_app_id: 'A0STORY',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
}

/** A button press as Slack posts it: one form field, "payload", holding JSON. */
export function blockActionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

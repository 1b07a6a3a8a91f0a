// The recorded payloads in test/fixtures/payloads (their README names each one's origin), and
// a way to post one to Slack's events path signed as Slack signs it, retry headers included.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { blockActionBody, FORM, JSON_TYPE, slackSignature } from './slack-stand-in/sign.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/payloads');

export type Json = Record<string, any>;

/** A fixture with its {{placeholders}} filled in; one left unfilled is the test's mistake. */
export function fixture(file: string, values: Record<string, string> = {}): Json {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`${file} needs a value for {{${name}}}`);
    return values[name]!;
  });
  return JSON.parse(text) as Json;
}

/** Posted as Slack posts it (a button press as a form, an event as JSON); `retry` adds Slack's retry headers. */
export async function postToSlack(url: string, secret: string, payload: Json, retry = 0): Promise<number> {
  const interactive = payload.type === 'block_actions';
  const body = interactive ? blockActionBody(payload) : JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': interactive ? FORM : JSON_TYPE,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
      ...(retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  });
  await response.text();
  return response.status;
}

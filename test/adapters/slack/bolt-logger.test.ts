import { describe, expect, it } from 'vitest';
import { boltLogger, scrubBoltText } from '../../../src/adapters/slack/bolt-logger.js';
import { captureLogger } from '../../helpers/capture-logger.js';

describe("Bolt's log lines", () => {
  it.each([
    ['Received a message on the WebSocket: {"envelope_id":"e1","payload":{"user_id":"U012ABCDEF","token":"verif","text":"who is x"}}', 'Received a message on the WebSocket (payload not logged)'],
    ['Sending a WebSocket message: {"envelope_id":"e1","payload":{"text":"answer"}}', 'Sending a WebSocket message (payload not logged)'],
    ['Unable to parse an incoming WebSocket message (will ignore): SyntaxError, {"user":"U012ABCDEF"', 'Unable to parse an incoming WebSocket message (payload not logged)'],
    ['Calling ack() - type: slash_commands, envelope_id: 4c75-43, data: {"text":"x"}', 'Calling ack() - type: slash_commands, envelope_id: 4c75-43 (payload not logged)'],
    ['ack() response sent (body: {"blocks":[]})', 'ack() response sent (payload not logged)'],
    ['http request body: {"channel":"C0DESK","text":"who is x, asked as typed"}', 'http request body (payload not logged)'],
    ['http request result: {"ok":true,"message":{"text":"who is x"}}', 'http request result (payload not logged)'],
    ['{"type":"event_callback","event":{"text":"who is x"}}', '(payload not logged)'],
    ['http request url: https://slack.com/api/chat.postMessage', 'http request url: https://slack.com/api/chat.postMessage'],
    ['token xoxb-1234-5678-abcdef and xapp-1-A0-99-ff were used', 'token [token] and [token] were used'],
    ['posting to https://hooks.slack.com/commands/T0/123/abcDEF now', 'posting to [response_url] now'],
    ['user U012ABCDEF pressed, W0123456789 too', 'user [user] pressed, [user] too'],
    ['The Socket Mode client has successfully initialized', 'The Socket Mode client has successfully initialized'],
    ['WARNING: UNDEFINED is not a user', 'WARNING: UNDEFINED is not a user'],
  ])('write %j as %j', (text, written) => {
    expect(scrubBoltText(text)).toBe(written);
  });

  it('go through the scrubbing on their way to the log, at every level', () => {
    const log = captureLogger();
    const bolt = boltLogger(log.logger);
    bolt.debug('Received a message on the WebSocket:', '{"user_id":"U012ABCDEF"}');
    bolt.error('failed for', { user: 'U012ABCDEF', token: 'xoxb-9-9' });
    expect(log.lines.map((l) => l.msg)).toEqual(['Received a message on the WebSocket (payload not logged)', "failed for { user: '[user]', token: '[token]' }"]);
    expect(log.text()).not.toMatch(/U012ABCDEF|xoxb-9-9/);
  });
});

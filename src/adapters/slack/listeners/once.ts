// Slack delivers an event again (X-Slack-Retry-Num, or Socket Mode's retry_attempt) when it
// did not see the first acknowledged in time, and with replicas the retry may reach another
// one. Bolt acknowledges events before any middleware runs, so a repeat is simply let go
// here: Slack stops retrying, and no listener answers or logs it a second time.
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from './deps.js';

export function onlyOnce(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async function skipRepeatedEvents({ body, next }) {
    const eventId = (body as { type?: unknown; event_id?: unknown }).type === 'event_callback' ? (body as { event_id?: unknown }).event_id : undefined;
    if (typeof eventId === 'string' && deps.ctx.deliveries && !(await deps.ctx.deliveries.first('slack', eventId))) {
      deps.logger.debug({ eventId }, 'slack event delivered again: already taken, not answered twice');
      return;
    }
    await next();
  };
}

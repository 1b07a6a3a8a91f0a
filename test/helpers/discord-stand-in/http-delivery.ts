// Delivering an interaction as Discord does to an Interactions Endpoint URL: posted, signed,
// with the HTTP response taken as the interaction's first response (judged like a callback).
import { acceptHttpResponse } from './responses.js';
import { postSigned, type HttpReply, type Signer } from './sign.js';
import type { InteractionLog, StandInState } from './state.js';

type Json = Record<string, any>;

export async function deliverOverHttp(state: StandInState, signer: Signer, url: string, payload: Json, log: InteractionLog): Promise<HttpReply> {
  const posted = postSigned(url, JSON.stringify(payload), { signer });
  // Set before the bot can answer, so that an edit arriving early waits for the original.
  log.delivered = posted.then(
    (reply) => {
      if (reply.status === 200 && reply.json) return acceptHttpResponse(state, log, reply.json);
      log.events.push({ kind: 'rejected', status: reply.status, message: `the bot answered HTTP ${reply.status}: ${reply.text}` });
      log.notify();
    },
    () => undefined,
  );
  const reply = await posted;
  await log.delivered;
  return reply;
}

// How the stand-in takes the bot's responses to an interaction, whichever way they come: the
// first response (to the callback route, or as the HTTP response to an interaction posted
// to the bot), edits of the original, follow-ups. Each is judged by Discord's limits first.
import { choiceProblems, messageProblems, modalProblems } from './limits.js';
import type { InteractionLog, StandInState, StoredMessage } from './state.js';

type Json = Record<string, any>;

const EPHEMERAL = 1 << 6;
export const CALLBACK = { pong: 1, message: 4, deferredMessage: 5, deferredUpdate: 6, updateMessage: 7, autocomplete: 8, modal: 9 } as const;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

export /** Records a refusal, tied to its interaction too, so a test waiting on one sees why nothing came. */
function rejected(state: StandInState, route: string, error: unknown, log: InteractionLog | undefined): HttpError {
  const e = error instanceof HttpError ? error : new HttpError(500, 0, String(error));
  state.rejections.push({ route, status: e.status, message: e.message, errors: e.errors });
  if (log) {
    log.events.push({ kind: 'rejected', status: e.status, message: e.message, errors: e.errors });
    log.notify();
  }
  return e;
}

/**
 * An interaction's first response as it came back in the HTTP response, judged like one
 * sent to the callback route; a refusal is recorded the same way.
 */
export function acceptHttpResponse(state: StandInState, log: InteractionLog, body: Json): void {
  try {
    acceptCallback(state, log, body);
  } catch (error) {
    rejected(state, '(HTTP response)', error, log);
  }
}

export function acceptCallback(state: StandInState, log: InteractionLog, body: Json): StoredMessage | undefined {
  if (log.events.some((e) => e.kind === 'callback')) throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
  if (state.callbacksToReject > 0) {
    state.callbacksToReject--;
    throw new HttpError(400, 50035, 'Invalid Form Body', ['rejected by the stand-in, as the test asked']);
  }
  const type = body?.type;
  if (type === CALLBACK.autocomplete) {
    const problems = choiceProblems(body.data?.choices);
    if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  } else if (type === CALLBACK.message || type === CALLBACK.updateMessage) {
    const problems = messageProblems(body.data ?? {});
    if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  } else if (type === CALLBACK.modal) {
    // Discord shows a form only in answer to a command or a component, never to another form.
    if (log.payload.type === 5) throw new HttpError(400, 50035, 'Invalid Form Body', ['type: a modal cannot answer a modal submit']);
    const problems = modalProblems(body.data);
    if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  } else if (type !== CALLBACK.deferredMessage && type !== CALLBACK.deferredUpdate && type !== CALLBACK.pong) {
    throw new HttpError(400, 50035, 'Invalid Form Body', [`type: ${String(type)} is not a callback type`]);
  }
  let message: StoredMessage | undefined;
  const ephemeral = Boolean((body.data?.flags ?? 0) & EPHEMERAL);
  if (type === CALLBACK.message) message = state.storeMessage(log, body.data, ephemeral);
  // A deferred reply shows "thinking…" until it is edited.
  if (type === CALLBACK.deferredMessage) state.storeMessage(log, { content: '', flags: body.data?.flags }, ephemeral);
  if (type === CALLBACK.updateMessage && log.payload.message) message = state.updateMessage(log.payload.message.id, body.data);
  log.events.push({ kind: 'callback', type, data: body.data, message });
  log.notify();
  return message;
}

export function original(log: InteractionLog): StoredMessage {
  const callback = log.events.find((e) => e.kind === 'callback');
  if (!callback || (callback.type !== CALLBACK.message && callback.type !== CALLBACK.deferredMessage)) throw new HttpError(404, 10008, 'Unknown Message');
  if (log.events.some((e) => e.kind === 'delete')) throw new HttpError(404, 10008, 'Unknown Message');
  return log.original!;
}

export function editOriginal(state: StandInState, log: InteractionLog, body: Json): StoredMessage {
  const before = original(log);
  const problems = messageProblems(body ?? {});
  if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  const message = state.updateMessage(before.id, body);
  log.events.push({ kind: 'edit', message });
  log.notify();
  return message;
}

export function followUp(state: StandInState, log: InteractionLog, body: Json): StoredMessage {
  if (!log.events.some((e) => e.kind === 'callback')) throw new HttpError(400, 10015, 'Unknown Webhook');
  const problems = messageProblems(body ?? {});
  if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
  const message = state.storeMessage(log, body, Boolean((body?.flags ?? 0) & EPHEMERAL), false);
  log.events.push({ kind: 'followup', message });
  log.notify();
  return message;
}

// What the stand-in remembers: every request, each interaction it sent and every response
// to it, the messages the bot created (so a test can press their buttons), and the commands
// registered.
import type { RecordedRequest } from './rest.js';

type Json = Record<string, any>;

/** A message as Discord returns it, with the bot as its author. */
export type StoredMessage = Json & { id: string; channel_id: string; flags: number };

export type ResponseEvent =
  | { kind: 'callback'; type: number; data?: Json; message?: StoredMessage }
  | { kind: 'edit'; message: StoredMessage }
  | { kind: 'followup'; message: StoredMessage }
  | { kind: 'delete' }
  | { kind: 'rejected'; status: number; message: string; errors?: unknown };

export class InteractionLog {
  readonly events: ResponseEvent[] = [];
  original?: StoredMessage;
  /** For an interaction posted to the bot over HTTP: settles once its HTTP response is in. */
  delivered?: Promise<void>;
  private readonly listeners = new Set<() => void>();

  constructor(readonly payload: Json) {}

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with the first non-undefined result of look, checked after every response. */
  until<T>(look: (events: readonly ResponseEvent[]) => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const found = look(this.events);
        if (found === undefined) return;
        this.listeners.delete(check);
        resolve(found);
      };
      this.listeners.add(check);
      check();
    });
  }
}

export class StandInState {
  readonly requests: RecordedRequest[] = [];
  readonly rejections: { route: string; status: number; message: string; errors?: unknown }[] = [];
  readonly commands = new Map<string, Json[]>();
  readonly byToken = new Map<string, InteractionLog>();
  readonly messages = new Map<string, StoredMessage>();
  gatewayUrl = '';
  /** What GET /gateway/bot says: the shard count Discord recommends, and how many may identify at once. */
  recommendedShards = 1;
  maxConcurrency = 1;
  /** How many of the next interaction callbacks to refuse, to test the bot's recovery. */
  callbacksToReject = 0;
  private counter = 0n;
  private held: { reached: () => void; released: Promise<void> } | undefined;

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly botUser: Json,
  ) {}

  /**
   * Keeps the next interaction callback waiting, unanswered, until released: a reply that is
   * still on its way, as over a slow network. `reached` resolves once the bot has sent it.
   */
  holdNextCallback(): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    this.held = { reached, released: new Promise<void>((resolve) => (release = resolve)) };
    return { reached: arrived, release };
  }

  /** For the REST handler: what to wait for before answering this request, if anything. */
  holdFor(request: RecordedRequest): Promise<void> | undefined {
    if (!this.held || !/^\/interactions\/[^/]+\/[^/]+\/callback$/.test(request.route)) return undefined;
    const { reached, released } = this.held;
    this.held = undefined;
    reached();
    return released;
  }

  /** Snowflake-shaped ids, increasing like Discord's. */
  nextId(): string {
    const since2015 = BigInt(Date.now() - 1_420_070_400_000);
    return ((since2015 << 22n) | (this.counter++ & 0x3fffffn)).toString();
  }

  storeMessage(log: InteractionLog, body: Json, ephemeral: boolean, asOriginal = true): StoredMessage {
    const message: StoredMessage = {
      id: this.nextId(),
      type: asOriginal ? 20 : 0,
      channel_id: log.payload.channel_id,
      author: this.botUser,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: (body.flags ?? 0) | (ephemeral ? 1 << 6 : 0),
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      allowed_mentions: body.allowed_mentions,
    };
    this.messages.set(message.id, message);
    if (asOriginal) log.original = message;
    return message;
  }

  updateMessage(id: string, body: Json): StoredMessage {
    const before = this.messages.get(id);
    if (!before) throw new Error(`no message ${id}`);
    const after: StoredMessage = { ...before, edited_timestamp: new Date().toISOString() };
    for (const key of ['content', 'embeds', 'components', 'allowed_mentions'] as const) if (body[key] !== undefined) after[key] = body[key];
    this.messages.set(id, after);
    for (const log of this.byToken.values()) if (log.original?.id === id) log.original = after;
    return after;
  }
}

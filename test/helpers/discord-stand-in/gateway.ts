// The stand-in's gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY, RESUME -> replay and
// RESUMED (or INVALID_SESSION for a session it does not know), and dispatches. Plain JSON
// only: a client asking for compression is refused, so the tests see what really crosses.
// Sharded like Discord: each connection identifies as [shard id, shard count], and each
// dispatch goes to one shard's connection.
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { readyEvent, type Shard } from './ready.js';

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

interface Session {
  id: string;
  seq: number;
  events: { s: number; t: string; d: unknown }[];
  shard: Shard;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  ready: boolean;
}

export interface GatewayOptions {
  token: string;
  applicationId: string;
  botUserId: string;
  url: () => string;
  heartbeatIntervalMs: number;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  invalidSessions: number;
  heartbeats: number;
  /** The query string of each connection, e.g. "v=10&encoding=json". */
  queries: string[];
  intents: number[];
  /** The [id, count] each IDENTIFY named. */
  shards: Shard[];
}

export class GatewayStandIn extends EventEmitter {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, invalidSessions: 0, heartbeats: 0, queries: [], intents: [], shards: [] };
  private readonly sessions = new Map<string, Session>();
  /** The connection serving each shard id: the latest to identify or resume as it. */
  private readonly byShard = new Map<number, Connection>();
  /** The shard count the client identified with: how guilds are spread over connections. */
  shardCount = 1;

  constructor(private readonly options: GatewayOptions) {
    super();
    this.wss.on('connection', (socket, request) => this.accept(socket, request));
  }

  get isReady(): boolean {
    return this.isShardReady(0);
  }

  isShardReady(shard: number): boolean {
    return this.byShard.get(shard)?.ready === true;
  }

  /** Resolves once the shard has identified or resumed and may receive dispatches. */
  async ready(shard = 0): Promise<void> {
    while (!this.isShardReady(shard)) await once(this, 'ready');
  }

  /** The shard Discord sends a guild's events on: (guild id >> 22) % shard count. */
  shardOf(guildId: string | undefined): number {
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount)) : 0;
  }

  /** Sends an event on one shard, recorded in its session for a later resume. */
  async dispatch(t: string, d: unknown, shard = 0): Promise<void> {
    await this.ready(shard);
    const connection = this.byShard.get(shard)!;
    const session = connection.session!;
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    this.send(connection.socket, { op: OP.dispatch, ...event });
  }

  /** Closes a shard's socket from the server side, as Discord does on its own restarts. */
  drop(code: number, shard = 0): void {
    const connection = this.connectionOf(shard);
    connection.ready = false;
    connection.socket.close(code, 'stand-in closed the connection');
  }

  /** Asks a shard to reconnect and resume (opcode 7). */
  requestReconnect(shard = 0): void {
    const connection = this.connectionOf(shard);
    connection.ready = false;
    this.send(connection.socket, { op: OP.reconnect, d: null });
  }

  private connectionOf(shard: number): Connection {
    const connection = this.byShard.get(shard);
    if (!connection) throw new Error(`no client is connected as shard ${shard}`);
    return connection;
  }

  /** Forgets every session, so the next resume is refused and the client must identify. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://stand-in').searchParams;
    this.stats.connections++;
    this.stats.queries.push(query.toString());
    if (query.get('v') !== '10' || query.get('encoding') !== 'json' || query.has('compress')) {
      socket.close(4012, 'this stand-in speaks v10 JSON without compression');
      return;
    }
    const connection: Connection = { socket, session: null, ready: false };
    socket.on('message', (raw) => this.receive(connection, String(raw)));
    socket.on('close', () => {
      connection.ready = false;
      this.emit('closed');
    });
    this.send(socket, { op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private receive(connection: Connection, raw: string): void {
    let payload: { op?: number; d?: any };
    try {
      payload = JSON.parse(raw);
    } catch {
      connection.socket.close(4002, 'decode error');
      return;
    }
    switch (payload.op) {
      case OP.heartbeat:
        this.stats.heartbeats++;
        this.send(connection.socket, { op: OP.heartbeatAck });
        this.emit('heartbeat');
        return;
      case OP.identify:
        return this.identify(connection, payload.d);
      case OP.resume:
        return this.resume(connection, payload.d);
      default:
        return;
    }
  }

  private identify(connection: Connection, d: { token?: string; intents?: number; compress?: boolean; shard?: Shard }): void {
    if (d?.token !== this.options.token) {
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    const shard: Shard = d.shard ?? [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      connection.socket.close(4010, 'Invalid shard.');
      return;
    }
    this.stats.identifies++;
    this.stats.intents.push(Number(d.intents));
    this.stats.shards.push(shard);
    this.shardCount = shard[1];
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], shard };
    this.sessions.set(session.id, session);
    connection.session = session;
    const ready = readyEvent({ botUserId: this.options.botUserId, applicationId: this.options.applicationId, sessionId: session.id, resumeUrl: this.options.url(), shard });
    this.send(connection.socket, { op: OP.dispatch, t: 'READY', s: ++session.seq, d: ready });
    this.markReady(connection);
  }

  private resume(connection: Connection, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = d?.session_id ? this.sessions.get(d.session_id) : undefined;
    if (d?.token !== this.options.token || !session) {
      this.stats.invalidSessions++;
      this.send(connection.socket, { op: OP.invalidSession, d: false });
      return;
    }
    this.stats.resumes++;
    connection.session = session;
    // Events sent while the client was away are replayed, as Discord does.
    for (const event of session.events.filter((e) => e.s > (d.seq ?? 0))) this.send(connection.socket, { op: OP.dispatch, ...event });
    this.send(connection.socket, { op: OP.dispatch, t: 'RESUMED', s: ++session.seq, d: {} });
    this.markReady(connection);
  }

  private markReady(connection: Connection): void {
    const [id] = connection.session!.shard;
    // A shard has one connection: an older one still open for it is ended, as Discord does.
    const older = this.byShard.get(id);
    if (older && older !== connection && older.socket.readyState === older.socket.OPEN) older.socket.terminate();
    this.byShard.set(id, connection);
    connection.ready = true;
    this.emit('ready');
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }
}

// The stand-in's gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY, RESUME -> replay and
// RESUMED (or INVALID_SESSION for a session it does not know), and dispatches. Plain JSON
// only: a client asking for compression is refused, so the tests see what really crosses.
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

interface Session {
  id: string;
  seq: number;
  events: { s: number; t: string; d: unknown }[];
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
}

export class GatewayStandIn extends EventEmitter {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, invalidSessions: 0, heartbeats: 0, queries: [], intents: [] };
  private readonly sessions = new Map<string, Session>();
  private current: Connection | null = null;

  constructor(private readonly options: GatewayOptions) {
    super();
    this.wss.on('connection', (socket, request) => this.accept(socket, request));
  }

  get isReady(): boolean {
    return this.current?.ready === true;
  }

  /** Resolves once a client has identified or resumed and may receive dispatches. */
  async ready(): Promise<void> {
    while (!this.isReady) await once(this, 'ready');
  }

  /** Sends an event to the connected client, recorded in its session for a later resume. */
  async dispatch(t: string, d: unknown): Promise<void> {
    await this.ready();
    const connection = this.current!;
    const session = connection.session!;
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    this.send(connection.socket, { op: OP.dispatch, ...event });
  }

  /** Closes the client's socket from the server side, as Discord does on its own restarts. */
  drop(code: number): void {
    const connection = this.current;
    if (!connection) throw new Error('no client is connected');
    connection.ready = false;
    connection.socket.close(code, 'stand-in closed the connection');
  }

  /** Asks the client to reconnect and resume (opcode 7). */
  requestReconnect(): void {
    const connection = this.current;
    if (!connection) throw new Error('no client is connected');
    connection.ready = false;
    this.send(connection.socket, { op: OP.reconnect, d: null });
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
    if (this.current && this.current.socket.readyState === this.current.socket.OPEN) this.current.socket.terminate();
    this.current = connection;
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

  private identify(connection: Connection, d: { token?: string; intents?: number; compress?: boolean }): void {
    if (d?.token !== this.options.token) {
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    this.stats.identifies++;
    this.stats.intents.push(Number(d.intents));
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [] };
    this.sessions.set(session.id, session);
    connection.session = session;
    this.send(connection.socket, {
      op: OP.dispatch,
      t: 'READY',
      s: ++session.seq,
      d: {
        v: 10,
        user: { id: this.options.botUserId, username: 'StoryBot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
        guilds: [],
        session_id: session.id,
        resume_gateway_url: this.options.url(),
        shard: [0, 1],
        application: { id: this.options.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
      },
    });
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
    connection.ready = true;
    this.emit('ready');
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }
}

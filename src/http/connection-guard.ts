// The connection cap of a public listener, built so that unsigned traffic cannot use it to
// lock signed traffic out. A cap that refuses new connections once full is a lock: whoever
// holds the most slow connections decides who else gets in. Here a new connection is always
// let in, and room is made by cutting a connection that has not proved itself (no valid
// signature or token yet), the oldest from the address holding the most; a connection
// serving a proved request is never cut for another. A platform sends each request whole
// and proves it within milliseconds, so it is never the oldest waiting for long; and a
// connection that has proved nothing within a few seconds is cut anyway.
import type { Socket } from 'node:net';

export interface GuardLimits {
  /** Connections open at once, in all. */
  maxConnections: number;
  /** Connections open at once from one address (a proxy in front counts as one). */
  perAddressConnections: number;
  /** How long a connection may stay open without a proved request. */
  unprovenMs: number;
}

/**
 * unproven: open, and no request on it has proved itself (or it is back to waiting after an
 * unproved one). busy: serving a proved request, never cut. idle: kept alive after a proved
 * request; cut only when room is needed, after every unproven one.
 */
type State = 'unproven' | 'busy' | 'idle';

interface Tracked {
  address: string;
  state: State;
  /** When it started waiting to prove itself (performance.now()). */
  since: number;
}

export interface GuardCounts {
  /** Cut to make room for another connection. */
  shed: number;
  /** Cut for proving nothing in time. */
  expired: number;
  /** Refused on arrival: every connection there was serving a proved request. */
  refused: number;
}

export class ConnectionGuard {
  private readonly tracked = new Map<Socket, Tracked>();
  private readonly byAddress = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  readonly counts: GuardCounts = { shed: 0, expired: 0, refused: 0 };

  constructor(
    private readonly limits: GuardLimits,
    private readonly onCut: (why: keyof GuardCounts) => void = () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    // One sweep for every connection, a few times within the deadline, instead of a timer each.
    this.sweeper = setInterval(() => this.sweep(), Math.max(50, Math.min(250, limits.unprovenMs / 4)));
    this.sweeper.unref();
  }

  get open(): number {
    return this.tracked.size;
  }

  /** A new connection: admitted, making room if need be, or (rarely) cut at once. */
  admit(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddressConnections && !this.makeRoom(address)) return this.cut(socket, 'refused');
    if (this.tracked.size >= this.limits.maxConnections && !this.makeRoom(undefined)) return this.cut(socket, 'refused');
    this.tracked.set(socket, { address, state: 'unproven', since: this.now() });
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    socket.once('close', () => this.forget(socket));
  }

  /** A request's headers have arrived. After a proved request, the new one must prove itself afresh. */
  requestStarted(socket: Socket): void {
    const entry = this.tracked.get(socket);
    if (entry && entry.state !== 'unproven') Object.assign(entry, { state: 'unproven', since: this.now() });
  }

  /** The request on this connection proved itself: a valid signature, or the admin token. */
  proved(socket: Socket): void {
    const entry = this.tracked.get(socket);
    if (entry) entry.state = 'busy';
  }

  /**
   * Its response is sent. An unproved request leaves the clock running from where it was,
   * so quick refusals on one kept-alive connection cannot buy it more time.
   */
  requestDone(socket: Socket): void {
    const entry = this.tracked.get(socket);
    if (entry?.state === 'busy') Object.assign(entry, { state: 'idle', since: this.now() });
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private forget(socket: Socket): void {
    const entry = this.tracked.get(socket);
    if (!entry) return;
    this.tracked.delete(socket);
    const left = (this.byAddress.get(entry.address) ?? 1) - 1;
    if (left > 0) this.byAddress.set(entry.address, left);
    else this.byAddress.delete(entry.address);
  }

  /** Cuts one connection to make room (from `address` when given); false when none may be cut. */
  private makeRoom(address: string | undefined): boolean {
    let victim: [Socket, Tracked] | undefined;
    for (const candidate of this.tracked) {
      const [, entry] = candidate;
      if (entry.state === 'busy' || (address !== undefined && entry.address !== address)) continue;
      if (!victim || this.worse(entry, victim[1])) victim = candidate;
    }
    if (!victim) return false;
    this.forget(victim[0]);
    this.cut(victim[0], 'shed');
    return true;
  }

  /** Whether `a` should go before `b`: unproven before idle, then the busier address, then the longer wait. */
  private worse(a: Tracked, b: Tracked): boolean {
    if (a.state !== b.state) return a.state === 'unproven';
    const load = (this.byAddress.get(a.address) ?? 0) - (this.byAddress.get(b.address) ?? 0);
    return load !== 0 ? load > 0 : a.since < b.since;
  }

  private sweep(): void {
    const deadline = this.now() - this.limits.unprovenMs;
    for (const [socket, entry] of this.tracked) {
      if (entry.state === 'unproven' && entry.since < deadline) {
        this.forget(socket);
        this.cut(socket, 'expired');
      }
    }
  }

  private cut(socket: Socket, why: keyof GuardCounts): void {
    this.counts[why]++;
    this.onCut(why);
    socket.destroy();
  }
}

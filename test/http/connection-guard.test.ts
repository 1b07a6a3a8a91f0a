// The shared connection cap (src/http/connection-guard.ts) on a real listener on 127.0.0.1,
// with small limits: a new connection always gets in by cutting one that has proved
// nothing, the busiest address's oldest first; a connection serving a proved request is
// never cut; one that proves nothing in time is closed. Other loopback addresses
// (127.0.0.2, 127.0.0.3) stand for other sources.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startListener, type Listener, type ListenerLimits } from '../../src/http/listener-limits.js';
import { captureLogger } from '../helpers/capture-logger.js';

let listener: Listener | undefined;
const sockets: Socket[] = [];
const holds: (() => void)[] = [];
afterEach(async () => {
  for (const release of holds.splice(0)) release();
  for (const socket of sockets.splice(0)) socket.destroy();
  await listener?.close(100);
  listener = undefined;
});

/** "/prove" proves itself and is answered when released; anything else is answered at once. */
async function serve(limits: Partial<ListenerLimits>): Promise<number> {
  listener = await startListener({
    name: 'test',
    host: '127.0.0.1',
    port: 0,
    logger: captureLogger().logger,
    limits,
    handle(_request, response, exchange) {
      if (exchange.path !== '/prove') return void response.end('plain');
      exchange.proved();
      holds.push(() => response.end('proved'));
    },
  });
  return listener.address()!.port;
}

function open(port: number, from = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(socket));
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

/** Sends a request on the socket and resolves with what comes back. */
function ask(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (/\r\n\r\n[\s\S]*(plain|proved)/.test(text)) resolve(text);
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

/** Waits until the server has seen `count` connections (its 'connection' event follows the client's connect). */
async function settled(count: number): Promise<void> {
  while (listener!.guard.open < count) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the connection cap of every listener', () => {
  it('lets a new connection in at the cap by cutting the oldest one that has proved nothing', async () => {
    const port = await serve({ maxConnections: 4, perAddressConnections: 4, unprovenMs: 60_000 });
    const first = await open(port);
    await settled(1);
    const others = [await open(port), await open(port), await open(port)];
    await settled(4);
    const newest = await open(port);
    await closed(first);
    expect(await ask(newest, '/')).toContain('200 OK');
    for (const socket of others) expect(socket.closed).toBe(false);
    expect(listener!.guard.counts).toMatchObject({ shed: 1, refused: 0 });
  });

  it('never cuts a connection serving a proved request; refuses a newcomer only when every connection is one', async () => {
    const port = await serve({ maxConnections: 2, perAddressConnections: 2, unprovenMs: 60_000 });
    const busy = await open(port);
    const answer = ask(busy, '/prove');
    while (holds.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const waiting = await open(port);
    await settled(2);
    const newcomer = await open(port);
    await closed(waiting);
    expect(busy.closed).toBe(false);
    const secondBusy = ask(newcomer, '/prove');
    while (holds.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    // Both connections now serve proved requests: the next one is the one turned away.
    const turnedAway = await open(port);
    await closed(turnedAway);
    expect(listener!.guard.counts).toMatchObject({ shed: 1, refused: 1 });
    for (const release of holds.splice(0)) release();
    expect(await answer).toContain('proved');
    expect(await secondBusy).toContain('proved');
  });

  it('cuts the oldest waiting connection of the address holding the most, not an older one from elsewhere', async () => {
    const port = await serve({ maxConnections: 4, perAddressConnections: 4, unprovenMs: 60_000 });
    const lone = await open(port, '127.0.0.1');
    await settled(1);
    const crowd = [await open(port, '127.0.0.2')];
    await settled(2);
    crowd.push(await open(port, '127.0.0.2'), await open(port, '127.0.0.2'));
    await settled(4);
    const arriving = await open(port, '127.0.0.3');
    await closed(crowd[0]!);
    expect(lone.closed).toBe(false);
    expect(await ask(arriving, '/')).toContain('200 OK');
  });

  it('holds one address to its share, cutting its own oldest waiting connection for its next', async () => {
    const port = await serve({ maxConnections: 10, perAddressConnections: 2, unprovenMs: 60_000 });
    const other = await open(port, '127.0.0.1');
    const first = await open(port, '127.0.0.2');
    await settled(2);
    const second = await open(port, '127.0.0.2');
    await settled(3);
    const third = await open(port, '127.0.0.2');
    await closed(first);
    expect([other.closed, second.closed]).toEqual([false, false]);
    expect(await ask(third, '/')).toContain('200 OK');
  });

  it('closes a connection that proves nothing in time, and keeps one serving a proved request past it', async () => {
    const port = await serve({ maxConnections: 10, perAddressConnections: 10, unprovenMs: 300 });
    const started = performance.now();
    const trickling = await open(port);
    trickling.write('POST /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const busy = await open(port);
    const answer = ask(busy, '/prove');
    await closed(trickling);
    // The deadline, give or take the sweep (a quarter of it) and a busy machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(busy.closed).toBe(false);
    holds.splice(0).forEach((release) => release());
    expect(await answer).toContain('proved');
    expect(listener!.guard.counts.expired).toBe(1);
  });
});

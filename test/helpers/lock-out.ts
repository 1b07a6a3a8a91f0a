// A lock-out attempt, bounded in connections, reopenings and time, on 127.0.0.1 only: many
// unsigned connections that trickle their headers or a small body, each reopened as soon as
// the server closes it, while legitimate signed requests are sent and timed. What it
// measures is the share of those requests answered in time while the attack runs.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface AttackOptions {
  port: number;
  path: string;
  connections: number;
  /** A ceiling on connections opened in all, reopenings included. */
  maxOpens: number;
}

export interface Attack {
  /** Connections opened so far, reopenings included. */
  opened(): number;
  /** Connections the server closed or cut. */
  closedByServer(): number;
  stop(): void;
}

const TRICKLE_MS = 200;

/**
 * Half the connections trickle their headers and never finish them; the other half send
 * headers for a small unsigned body (under any "too large" refusal) and trickle that.
 */
export function startTrickleAttack(options: AttackOptions): Attack {
  const sockets = new Set<Socket>();
  let opened = 0;
  let closedByServer = 0;
  let stopped = false;
  const open = (slot: number) => {
    if (stopped || opened >= options.maxOpens) return;
    opened++;
    const socket = connect(options.port, '127.0.0.1');
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.resume();
    socket.on('connect', () => {
      const head = `POST ${options.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n`;
      socket.write(slot % 2 === 0 ? `${head}X-Padding: ` : `${head}Content-Length: 900\r\n\r\n`);
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (stopped) return;
      closedByServer++;
      open(slot);
    });
  };
  for (let slot = 0; slot < options.connections; slot++) open(slot);
  const trickle = setInterval(() => {
    for (const socket of sockets) if (socket.writable) socket.write('a');
  }, TRICKLE_MS);
  return {
    opened: () => opened,
    closedByServer: () => closedByServer,
    stop() {
      stopped = true;
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LegitimateTally {
  sent: number;
  answered: number;
  /** Milliseconds each answered request took. */
  durations: number[];
}

/**
 * Sends `count` signed requests, `concurrency` at a time, each on a connection of its own
 * (as a platform's delivery would arrive), and counts those answered with a 200 whose body
 * `isAnswer` accepts within `deadlineMs` (the platform's own patience).
 */
export async function sendLegitimate(url: string, make: (n: number) => SignedRequest, isAnswer: (body: string) => boolean, options: { count: number; concurrency: number; deadlineMs: number }): Promise<LegitimateTally> {
  const tally: LegitimateTally = { sent: 0, answered: 0, durations: [] };
  let next = 0;
  const worker = async () => {
    while (next < options.count) {
      const n = next++;
      tally.sent++;
      const started = performance.now();
      const reply = await postOnce(url, make(n), options.deadlineMs);
      if (reply && reply.status === 200 && isAnswer(reply.text)) {
        tally.answered++;
        tally.durations.push(performance.now() - started);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return tally;
}

function postOnce(url: string, signed: SignedRequest, deadlineMs: number): Promise<{ status: number; text: string } | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-length': String(Buffer.byteLength(signed.body)), ...signed.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', () => resolve(undefined));
    });
    // Past the platform's patience an answer is as good as none.
    req.setTimeout(deadlineMs, () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
    req.end(signed.body);
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

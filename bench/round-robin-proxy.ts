// A local round-robin HTTP proxy in front of several replicas, standing in for the load
// balancer of compose.yaml (nginx) where there is no Docker: for `npm run bench` and the
// replica tests. Written here because it is a few lines of node:http, and a proxy library
// would bring more than round robin and one retry. Each request goes to the next replica; one
// that cannot be reached (refused, reset before answering) is skipped for a moment and the
// request is sent to the next, as nginx's proxy_next_upstream does.
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  host: string;
  port: number;
}

export interface RoundRobinProxy {
  url: string;
  port: number;
  /** Requests sent to each upstream, by index, and those no upstream could take. */
  counts(): { sent: number[]; failed: number };
  close(): Promise<void>;
}

const SKIP_FAILED_MS = 2_000;

export async function startRoundRobinProxy(upstreams: readonly Upstream[], port = 0): Promise<RoundRobinProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sent = upstreams.map(() => 0);
  const downUntil = upstreams.map(() => 0);
  let next = 0;
  let failed = 0;

  function pick(tried: ReadonlySet<number>): number | undefined {
    for (let i = 0; i < upstreams.length; i++) {
      const index = (next + i) % upstreams.length;
      if (!tried.has(index) && downUntil[index]! <= Date.now()) {
        next = index + 1;
        return index;
      }
    }
    // Every replica was marked down: try one anyway rather than refuse outright.
    return [...upstreams.keys()].find((i) => !tried.has(i));
  }

  function forward(incoming: IncomingMessage, body: Buffer, response: ServerResponse, tried: Set<number>): void {
    const index = pick(tried);
    if (index === undefined) {
      failed++;
      response.writeHead(502).end();
      return;
    }
    tried.add(index);
    sent[index]!++;
    const upstream = upstreams[index]!;
    const outgoing = request({ host: upstream.host, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    outgoing.on('error', () => {
      downUntil[index] = Date.now() + SKIP_FAILED_MS;
      if (!response.headersSent) forward(incoming, body, response, tried);
      else response.destroy();
    });
    outgoing.end(body);
  }

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => forward(incoming, Buffer.concat(chunks), response, new Set()));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}`,
    port: listening,
    counts: () => ({ sent: [...sent], failed }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

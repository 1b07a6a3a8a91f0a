// PostgreSQL shutting down at the worst moment (issue 22): its 57P01 ("terminating
// connection due to administrator command") arriving in the same packet as the end of the
// connection's start-up, so that the pool has handed the connection over before anyone
// could listen on it. Every connection has an error listener from birth, so nothing reaches
// the process as an uncaught 'error'. The server is real; a proxy in front times the error.
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../src/core/answering/recorder.js';
import { catalogueOf } from '../../src/core/curation/gap-report.js';
import { KnowledgeStore } from '../../src/core/knowledge/store.js';
import { PostgresQuestionLog } from '../../src/storage/postgres-log.js';
import { openPostgresStore } from '../../src/storage/postgres.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { REAL_KNOWLEDGE } from '../helpers/knowledge-dir.js';
import { startPostgres, type PostgresServer } from '../helpers/services/postgres-server.js';
import { waitUntil } from '../helpers/services/redis-server.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.close());

const asked = (question: string): QuestionRecord => ({ at: new Date(), platform: 'slack', userId: 'U1', question, entryId: null, confidence: 0.1, answered: false, ms: 1 });

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** PostgreSQL's ErrorResponse for 57P01, as a server shutting down sends it. */
function shutdownError(): Buffer {
  const fields = ['SFATAL', 'VFATAL', 'C57P01', 'Mterminating connection due to administrator command'].map((f) => Buffer.from(`${f}\0`));
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * A proxy to the real server that, for the first `sabotaged` connections, sends the shutdown
 * error in the same packet as the server's first ReadyForQuery, and then hangs up: the moment
 * the pool hands a new connection over, before anyone could have listened on it.
 */
async function shutdownAtHandover(port: number, sabotaged: number): Promise<{ url: (real: string) => string; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((client) => {
    const sabotage = connections++ < sabotaged;
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) (sockets.add(socket), socket.on('error', () => undefined), socket.on('close', () => sockets.delete(socket)));
    client.pipe(upstream);
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      if (!sabotage) return void client.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      // Whole messages only (a type byte, then a length that counts itself), passed on as they come.
      let at = 0;
      while (at + 5 <= pending.length) {
        const end = at + 1 + pending.readInt32BE(at + 1);
        if (end > pending.length) break;
        if (pending[at] === 0x5a /* Z */) {
          client.end(Buffer.concat([pending.subarray(0, end), shutdownError()]));
          upstream.destroy();
          return;
        }
        at = end;
      }
      client.write(pending.subarray(0, at));
      pending = pending.subarray(at);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const proxied = (proxy.address() as { port: number }).port;
  return {
    url: (real) => real.replace(`:${port}/`, `:${proxied}/`),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}

describe('the PostgreSQL question log while the server cuts its connections', () => {
  it('survives the shutdown error arriving with the connection it is handed, and connects again', { timeout: 60_000 }, async () => {
    const url = await server.database('handover');
    const proxy = await shutdownAtHandover(server.port, 3);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const store = await KnowledgeStore.open(REAL_KNOWLEDGE);
    const log = new PostgresQuestionLog({ url: proxy.url(url), retentionDays: 90, hash: userHasher('handover'), logger: captureLogger().logger, catalogue: catalogueOf(store) });
    try {
      await expect(openPostgresStore(proxy.url(url), captureLogger().logger)).rejects.toThrow();
      log.recordQuestion(asked('Asked while the server was going away?'));
      await waitUntil(async () => log.queued === 0, 30_000, () => undefined);
      expect(await query(url, 'SELECT question FROM questions')).toEqual([{ question: 'Asked while the server was going away?' }]);
      expect(uncaught).toEqual([]);
    } finally {
      await log.close();
      await proxy.close();
      process.off('uncaughtException', onUncaught);
    }
  });
});

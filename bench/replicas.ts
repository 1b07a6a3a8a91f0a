// Slack /ask over HTTP with replicas sharing Redis and PostgreSQL, as compose.yaml runs them:
// one replica on its own, the same replica behind the local round-robin proxy (what the
// proxy costs), and two replicas behind it. On a machine of few cores the replicas, the proxy
// and the load generator share them, so two replicas gain only what cores are left idle.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/long-running.js';
import { startPostgres } from '../test/helpers/services/postgres-server.js';
import { startRedis } from '../test/helpers/services/redis-server.js';
import { startWebApi } from '../test/helpers/slack-stand-in/web-api.js';
import { startChild, type Child } from './child.js';
import { startRoundRobinProxy } from './round-robin-proxy.js';
import { best, drive, SECRET, type HttpRun } from './slack-http.js';

export interface ReplicasResult {
  connections: number;
  durationSeconds: number;
  rounds: number;
  one: HttpRun;
  oneProxied: HttpRun;
  two: HttpRun;
  /** Two replicas' answers per second over one replica's, both behind the proxy. */
  gain: number;
}

const ROUNDS = 2;

export async function measureReplicas(options: { connections?: number; duration?: number } = {}): Promise<ReplicasResult> {
  const connections = options.connections ?? 10;
  const duration = options.duration ?? 8;
  const [redis, postgres, api] = await Promise.all([startRedis(), startPostgres(), startWebApi()]);
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: api.url,
    SLACK_APP_TOKEN: '',
    DISCORD_TOKEN: '',
    LOG_LEVEL: 'info',
    KNOWLEDGE_DIR: 'knowledge',
    RATE_LIMIT_QUESTIONS: '1000000000',
    REDIS_URL: redis.url,
    DATABASE_URL: await postgres.database('bench'),
    USER_HASH_SECRET: 'bench-user-hash-secret',
  };
  const startReplica = async (): Promise<{ child: Child; port: number }> => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-bench-'));
    const child = startChild('src/index.ts', { ...env, DATA_DIR: dataDir, SLACK_PORT: String(port), OPS_PORT: String(await freePort()) });
    await child.waitFor(/slack listening for HTTP requests/);
    return { child, port };
  };
  const withReplicas = async <T>(count: number, work: (replicas: { child: Child; port: number }[]) => Promise<T>): Promise<T> => {
    const replicas: { child: Child; port: number }[] = [];
    try {
      for (let i = 0; i < count; i++) replicas.push(await startReplica());
      return await work(replicas);
    } finally {
      await Promise.all(replicas.map((r) => r.child.stop()));
    }
  };
  const proxied = async (name: string, replicas: { child: Child; port: number }[]) => {
    const proxy = await startRoundRobinProxy(replicas.map((r) => ({ host: '127.0.0.1', port: r.port })));
    try {
      return await drive(name, replicas.map((r) => r.child.process.pid), proxy.port, connections, duration, true);
    } finally {
      await proxy.close();
    }
  };
  try {
    const runs: { one: HttpRun[]; oneProxied: HttpRun[]; two: HttpRun[] } = { one: [], oneProxied: [], two: [] };
    for (let round = 0; round < ROUNDS; round++) {
      await withReplicas(1, async ([replica]) => {
        runs.one.push(await drive('one replica, direct', [replica!.child.process.pid], replica!.port, connections, duration, true));
        runs.oneProxied.push(await proxied('one replica, behind the proxy', [replica!]));
      });
      await withReplicas(2, async (replicas) => void runs.two.push(await proxied('two replicas, behind the proxy', replicas)));
    }
    const [one, oneProxied, two] = [best(runs.one), best(runs.oneProxied), best(runs.two)];
    return { connections, durationSeconds: duration, rounds: ROUNDS, one, oneProxied, two, gain: two.requestsPerSecond / oneProxied.requestsPerSecond };
  } finally {
    await Promise.all([redis.close(), postgres.close(), api.close()]);
  }
}

// Signed /ask requests over HTTP, driven by autocannon, at the real bot as npm start runs
// it (Bolt, the adapter, the engine and the question log), and at a bare Bolt app that
// acknowledges with an empty body: the ceiling the adapter is measured against.
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/long-running.js';
import { slackSignature, slashCommandBody } from '../test/helpers/slack-stand-in/sign.js';
import { startWebApi } from '../test/helpers/slack-stand-in/web-api.js';
import { startChild, type Child } from './child.js';

export interface HttpRun {
  server: string;
  requests: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx answers that were not what was asked for (the right quote, or an empty ack). */
  wrong: number;
  /** The server's own CPU time per request (user + system), when the system tells it. */
  cpuMsPerRequest: number | null;
}

/**
 * CPU time a process has used so far, in ms, from /proc (Linux). Requests per second move
 * with whatever else the machine runs; CPU time per request barely does.
 */
export function cpuMsOf(processes: number | undefined | readonly (number | undefined)[]): number | null {
  const pids = Array.isArray(processes) ? processes : [processes];
  try {
    let total = 0;
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    }
    return total;
  } catch {
    return null;
  }
}
// USER_HZ, which Linux fixes at 100 for /proc on every architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

export interface SlackResult {
  connections: number;
  durationSeconds: number;
  rounds: number;
  adapter: HttpRun;
  bare: HttpRun;
  /** Adapter requests per second over the bare app's. */
  ratio: number;
}

export const SECRET = 'bench-signing-secret';
const QUESTIONS: [string, string][] = [
  ['Who is Tommy Robinson?', 'better known as Tommy Robinson'],
  ['What did Musk accuse Starmer of?', 'rape gangs'],
  ['Where is Oldham?', 'Oldham'],
  ['Who is Jess Phillips?', 'Jess Phillips'],
];

/** Drives the server on `port`; `pids` are the processes whose CPU time it costs (the replicas behind a proxy). */
export async function drive(server: string, pids: readonly (number | undefined)[], port: number, connections: number, duration: number, expectAnswer: boolean): Promise<HttpRun> {
  let sent = 0;
  let wrong = 0;
  const run = (seconds: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/slack/events',
          setupRequest(request, context) {
            const [question, expected] = QUESTIONS[sent++ % QUESTIONS.length]!;
            const body = slashCommandBody({ command: '/ask', text: question, user_id: `UBENCH${sent % 50}`, response_url: 'http://127.0.0.1:9/unused' });
            const timestamp = Math.floor(Date.now() / 1000);
            (context as { expected?: string }).expected = expected;
            return { ...request, body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SECRET, timestamp, body) } };
          },
          onResponse(status, body, context) {
            if (status !== 200) return;
            const right = expectAnswer ? body.includes('"response_type":"ephemeral"') && body.includes(String((context as { expected?: string }).expected)) : body === '';
            if (!right) wrong++;
          },
        },
      ],
    });
  await run(2); // warm-up: JIT, connections, the engine's caches
  wrong = 0;
  const cpuBefore = cpuMsOf(pids);
  const result = await run(duration);
  const cpuAfter = cpuMsOf(pids);
  return httpRunOf(server, result, wrong, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore);
}

/** One autocannon run as the tables show it: rates, latency, failures and CPU per request. */
export function httpRunOf(server: string, result: autocannon.Result, wrong: number, cpuMs: number | null): HttpRun {
  return {
    server,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    wrong,
    cpuMsPerRequest: cpuMs === null ? null : cpuMs / result.requests.total,
  };
}

export const ROUNDS = 2;

/** The run with the most requests per second, its errors summed over every run. */
export function best(runs: readonly HttpRun[]): HttpRun {
  const top = runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const sum = (key: 'errors' | 'non2xx' | 'wrong') => runs.reduce((n, r) => n + r[key], 0);
  return { ...top, errors: sum('errors'), non2xx: sum('non2xx'), wrong: sum('wrong') };
}

export async function measureSlack(options: { connections?: number; duration?: number } = {}): Promise<SlackResult> {
  const connections = options.connections ?? 10;
  const duration = options.duration ?? 8;
  const api = await startWebApi();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-bench-'));
  const env = { SLACK_BOT_TOKEN: 'xoxb-bench-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url, SLACK_APP_TOKEN: '', DISCORD_TOKEN: '', LOG_LEVEL: 'info', DATA_DIR: dataDir, KNOWLEDGE_DIR: 'knowledge', RATE_LIMIT_QUESTIONS: '1000000000' };
  const measure = async (server: string, script: string, ready: RegExp, expectAnswer: boolean): Promise<HttpRun> => {
    const port = await freePort();
    const child: Child = startChild(script, { ...env, SLACK_PORT: String(port), OPS_PORT: String(await freePort()) });
    try {
      await child.waitFor(ready);
      return await drive(server, [child.process.pid], port, connections, duration, expectAnswer);
    } finally {
      await child.stop();
    }
  };
  try {
    // Other work on a shared machine comes and goes: the two servers take turns, twice
    // each, and each keeps its better run.
    const runs: { adapter: HttpRun[]; bare: HttpRun[] } = { adapter: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.adapter.push(await measure('StoryBot (npm start)', 'src/index.ts', /slack listening for HTTP requests/, true));
      runs.bare.push(await measure('bare Bolt, empty ack', 'bench/servers/bare-bolt.ts', /bare bolt listening/, false));
    }
    const adapter = best(runs.adapter);
    const bare = best(runs.bare);
    return { connections, durationSeconds: duration, rounds: ROUNDS, adapter, bare, ratio: adapter.requestsPerSecond / bare.requestsPerSecond };
  } finally {
    await api.close();
  }
}

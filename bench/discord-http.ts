// Discord's HTTP interactions under load: autocannon posts /ask interactions, each with its
// own id and token and signed with a key pair made here, at the bot as npm start runs it
// with DISCORD_PUBLIC_KEY, and at a bare server that verifies and answers a fixed string:
// the ceiling any Discord HTTP app has on this machine.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startDiscordStandIn } from '../test/helpers/discord-stand-in/index.js';
import { newSigner, type Signer } from '../test/helpers/discord-stand-in/sign.js';
import { freePort } from '../test/helpers/long-running.js';
import { startChild, type Child } from './child.js';
import { best, cpuMsOf, httpRunOf, ROUNDS, type HttpRun } from './slack-http.js';

export interface DiscordHttpResult {
  connections: number;
  durationSeconds: number;
  rounds: number;
  adapter: HttpRun;
  bare: HttpRun;
  /** Adapter requests per second over the bare server's. */
  ratio: number;
}

const QUESTIONS: [string, string][] = [
  ['Who is Tommy Robinson?', 'better known as Tommy Robinson'],
  ['What did Musk accuse Starmer of?', 'rape gangs'],
  ['Where is Oldham?', 'Oldham'],
  ['Who is Jess Phillips?', 'Jess Phillips'],
];

function interaction(n: number, question: string): string {
  return JSON.stringify({
    id: String(1_300_000_000_000_000_000n + BigInt(n)),
    application_id: '1',
    type: 2,
    token: `bench-interaction-token-${n}`,
    version: 1,
    guild_id: '100000000000000001',
    channel_id: '100000000000000002',
    member: { user: { id: `3000000000000000${String(n % 50).padStart(2, '0')}`, username: 'reader' }, permissions: '2147552256' },
    data: { id: '5', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] },
  });
}

async function drive(server: string, pid: number | undefined, port: number, signer: Signer, connections: number, duration: number, expectAnswer: boolean): Promise<HttpRun> {
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
          path: '/discord/interactions',
          setupRequest(request, context) {
            const [question, expected] = QUESTIONS[sent % QUESTIONS.length]!;
            const body = interaction(sent++, question);
            const timestamp = String(Math.floor(Date.now() / 1000));
            (context as { expected?: string }).expected = expected;
            return { ...request, body, headers: { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signer.sign(timestamp, body) } };
          },
          onResponse(status, body, context) {
            if (status !== 200) return;
            const right = expectAnswer ? body.startsWith('{"type":4') && body.includes(String((context as { expected?: string }).expected)) : body.includes('fixed reply');
            if (!right) wrong++;
          },
        },
      ],
    });
  await run(2); // warm-up: JIT, connections, the engine's caches
  wrong = 0;
  const cpuBefore = cpuMsOf(pid);
  const result = await run(duration);
  const cpuAfter = cpuMsOf(pid);
  return httpRunOf(server, result, wrong, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore);
}

export async function measureDiscordHttp(options: { connections?: number; duration?: number } = {}): Promise<DiscordHttpResult> {
  const connections = options.connections ?? 10;
  const duration = options.duration ?? 8;
  const signer = newSigner();
  // Only a deferred reply's edit would reach it; a deferral counts as a wrong answer, since
  // every /ask here should be answered inline.
  const standIn = await startDiscordStandIn({ applicationId: '1' });
  const env = { DISCORD_PUBLIC_KEY: signer.publicKey, DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: standIn.apiUrl, DISCORD_HTTP_HOST: '127.0.0.1', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', LOG_LEVEL: 'info', KNOWLEDGE_DIR: 'knowledge', RATE_LIMIT_QUESTIONS: '1000000000' };
  const measure = async (server: string, script: string, ready: RegExp, expectAnswer: boolean): Promise<HttpRun> => {
    const port = await freePort();
    const child: Child = startChild(script, { ...env, DISCORD_HTTP_PORT: String(port), OPS_PORT: String(await freePort()), DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-bench-')) });
    try {
      await child.waitFor(ready);
      return await drive(server, child.process.pid, port, signer, connections, duration, expectAnswer);
    } finally {
      await child.stop();
    }
  };
  try {
    // The two servers take turns, twice each, and each keeps its better run (see slack-http.ts).
    const runs: { adapter: HttpRun[]; bare: HttpRun[] } = { adapter: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.adapter.push(await measure('StoryBot (npm start)', 'src/index.ts', /discord listening for HTTP interactions/, true));
      runs.bare.push(await measure('bare node:http, fixed reply', 'bench/servers/bare-discord-http.ts', /bare discord http listening/, false));
    }
    const adapter = best(runs.adapter);
    const bare = best(runs.bare);
    return { connections, durationSeconds: duration, rounds: ROUNDS, adapter, bare, ratio: adapter.requestsPerSecond / bare.requestsPerSecond };
  } finally {
    await standIn.close();
  }
}

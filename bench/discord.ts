// Interactions per second through the local gateway stand-in: each /ask is dispatched over
// the WebSocket and timed until its callback reaches the stand-in's REST API. The real bot
// runs as npm start runs it; the ceiling is a bare discord.js client replying a fixed string.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDiscordStandIn, type DiscordStandIn } from '../test/helpers/discord-stand-in/index.js';
import { startChild } from './child.js';
import { percentile } from './measure.js';
import { cpuMsOf } from './slack-http.js';

export interface DiscordRun {
  client: string;
  interactions: number;
  perSecond: number;
  latencyP50: number;
  latencyP99: number;
  /** Replies Discord would have refused, and replies that never came within the time allowed. */
  errors: number;
  /** Replies that came but were not the answer asked for. */
  wrong: number;
  /** The client process's own CPU time per interaction, which moves far less with the machine's load than the rate does. */
  cpuMsPerInteraction: number | null;
}

export interface DiscordResult {
  inFlight: number;
  adapter: DiscordRun;
  bare: DiscordRun;
  ratio: number;
}

const TOKEN = 'bench-discord-token';
const QUESTIONS = ['Who is Tommy Robinson?', 'What did Musk accuse Starmer of?', 'Where is Oldham?', 'Who is Jess Phillips?'];
const REPLY_TIMEOUT_MS = 10_000;

type Check = (message: Record<string, any>) => boolean;

async function drive(standIn: DiscordStandIn, client: string, pid: number | undefined, count: number, inFlight: number, isRight: Check): Promise<DiscordRun> {
  const latencies: number[] = [];
  let errors = 0;
  let wrong = 0;
  let next = 0;
  const rejectedBefore = standIn.state.rejections.length;
  async function one(i: number): Promise<void> {
    const started = performance.now();
    const exchange = await standIn.slash('ask', { question: QUESTIONS[i % QUESTIONS.length]! });
    let timer: NodeJS.Timeout | undefined;
    const reply = await Promise.race([exchange.reply(), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), REPLY_TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
    if (!reply) return void errors++;
    latencies.push(performance.now() - started);
    if (!isRight(reply.message)) wrong++;
  }
  async function worker(): Promise<void> {
    while (next < count) await one(next++);
  }
  const started = performance.now();
  const cpuBefore = cpuMsOf(pid);
  await Promise.all(Array.from({ length: inFlight }, worker));
  const cpuAfter = cpuMsOf(pid);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  errors += standIn.state.rejections.length - rejectedBefore;
  const cpuMsPerInteraction = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / count;
  return { client, interactions: count, perSecond: count / seconds, latencyP50: percentile(latencies, 50), latencyP99: percentile(latencies, 99), errors, wrong, cpuMsPerInteraction };
}

async function measureOne(client: string, script: string, ready: RegExp, isRight: Check, count: number, inFlight: number): Promise<DiscordRun> {
  const standIn = await startDiscordStandIn({ token: TOKEN, applicationId: '1' });
  const bot = startChild(script, {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: '1',
    DISCORD_API_URL: standIn.apiUrl,
    DISCORD_GUILD_ID: '',
    SLACK_BOT_TOKEN: '',
    LOG_LEVEL: 'info',
    KNOWLEDGE_DIR: 'knowledge',
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-bench-')),
    RATE_LIMIT_QUESTIONS: '1000000000',
  });
  try {
    await Promise.race([bot.waitFor(ready), standIn.gateway.ready()]);
    await standIn.gateway.ready();
    await drive(standIn, client, bot.process.pid, Math.min(300, count), inFlight, isRight); // warm-up
    return await drive(standIn, client, bot.process.pid, count, inFlight, isRight);
  } finally {
    await bot.stop();
    await standIn.close();
  }
}

export async function measureDiscord(options: { count?: number; inFlight?: number } = {}): Promise<DiscordResult> {
  const count = options.count ?? 3000;
  const inFlight = options.inFlight ?? 10;
  const answered: Check = (m) => /^paragraph \d+/.test(m.embeds?.[0]?.fields?.[0]?.name ?? '');
  const adapter = await measureOne('StoryBot (npm start)', 'src/index.ts', /discord connected/, answered, count, inFlight);
  const bare = await measureOne('bare discord.js, fixed reply', 'bench/servers/bare-discord.ts', /bare discord ready/, (m) => m.content === 'fixed reply', count, inFlight);
  return { inFlight, adapter, bare, ratio: adapter.perSecond / bare.perSecond };
}

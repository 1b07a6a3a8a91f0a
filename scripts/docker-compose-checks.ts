// npm run check:docker, on a real engine: compose.yaml as docs/replicas.md runs it, with
// docker-compose 1.29 (or compose v2 where present), in a copy of the project folder with
// its own .env. Slack and Discord stand-ins on this machine's loopback, reached through
// relays on the compose network's gateway, play the platforms' APIs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDiscordStandIn } from '../test/helpers/discord-stand-in/index.js';
import { SOURCE_ID } from '../test/helpers/knowledge-dir.js';
import { textsOf } from '../test/helpers/slack-stand-in/read-message.js';
import { replyToCommand, startResponseUrl } from '../test/helpers/slack-stand-in/response-url.js';
import { FORM, postSigned, slashCommandBody } from '../test/helpers/slack-stand-in/sign.js';
import { startWebApi } from '../test/helpers/slack-stand-in/web-api.js';
import { check, docker, figure, relay, results, run, runAsync, summary, waitUntil, type Relay } from './docker/tools.js';

const PROJECT = 'storybot';
// The engine check-docker.sh starts hands out 172.29.0.0/16 a /24 at a time, and the
// compose project's network is the first it makes.
const GATEWAY = '172.29.0.1';
const SECRET = 'compose-check-signing-secret';
const ADMIN_TOKEN = 'compose-check-admin-token-0123456789';
const ANSWER = 'paragraph 13';
const ANSWER_QUOTE = 'serving an 18-month jail term';
const [SLACK, DISCORD, OPS_1] = ['http://127.0.0.1:3000/slack/events', 'http://127.0.0.1:3001/discord/interactions', 'http://127.0.0.1:9091'];

/** Compose v2 where the docker CLI has it, else docker-compose 1.x. */
const COMPOSE = run('docker', ['compose', 'version']).code === 0 ? ['docker', 'compose'] : ['docker-compose'];
const dir = mkdtempSync(path.join(tmpdir(), 'storybot-compose-'));
// Published on 127.0.0.1 only here; on a server the balancer listens on every interface.
const composeEnv = { ...process.env, BALANCER_ADDRESS: '127.0.0.1' };
const compose = (args: string[], timeoutMs = 240_000) => runAsync(COMPOSE[0]!, [...COMPOSE.slice(1), '-p', PROJECT, ...args], { cwd: dir, env: composeEnv, timeoutMs });

function copyProject(): void {
  for (const part of ['compose.yaml', 'Dockerfile', 'deploy', 'knowledge', '.env.example']) cpSync(part, path.join(dir, part), { recursive: true });
}

/** cp .env.example .env, then fill it in, as docs/replicas.md says. */
function writeEnv(settings: Record<string, string>): void {
  let env = readFileSync(path.join(dir, '.env.example'), 'utf8');
  for (const [key, value] of Object.entries(settings)) {
    const line = new RegExp(`^#?\\s*${key}=.*$`, 'm');
    env = line.test(env) ? env.replace(line, `${key}=${value}`) : `${env}\n${key}=${value}\n`;
  }
  writeFileSync(path.join(dir, '.env'), env);
}

const entry = (id: string, question: string, answer: string) =>
  [`- id: ${id}`, `  question: ${question}`, `  answer: ${answer}`, '  citations:', `    - source: ${SOURCE_ID}`, '      paragraph: 13', '      quote: who is serving an 18-month jail term for contempt of court', ''].join('\n');

async function questionsInPostgres(): Promise<number> {
  const counted = await compose(['exec', '-T', 'postgres', 'psql', '-U', 'storybot', '-d', 'storybot', '-tAc', 'SELECT COUNT(*) FROM questions']);
  return counted.code === 0 ? Number(counted.stdout.trim()) : -1;
}

async function main(): Promise<number> {
  process.stdout.write(`the compose deployment (${run(COMPOSE[0]!, [...COMPOSE.slice(1), 'version', '--short']).stdout.trim() || COMPOSE.join(' ')}):\n`);
  const [api, responses, discord] = [await startWebApi(), await startResponseUrl(), await startDiscordStandIn()];
  const relays: Relay[] = [];
  try {
    const responseUrl = new URL(responses.url('x'));
    const slackAsk = async (text: string, user = 'UCOMPOSE1') => {
      const id = `compose-${Math.random().toString(36).slice(2)}`;
      const body = slashCommandBody({ command: '/ask', text, user_id: user, response_url: `${relays[1]!.url(`/respond/${id}`)}` });
      const reply = await postSigned(SLACK, body, FORM, { secret: SECRET });
      if (reply.status !== 200) return `HTTP ${reply.status}`;
      return textsOf(await replyToCommand(reply.json, responses.posts, id)).join('\n');
    };
    copyProject();
    const settings: Record<string, string> = {
      SLACK_BOT_TOKEN: 'xoxb-compose-check', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `http://${GATEWAY}:${0}/api/`,
      DISCORD_PUBLIC_KEY: discord.publicKey, DISCORD_APPLICATION_ID: discord.applicationId,
      USER_HASH_SECRET: 'compose-check-user-hash-secret-0123456789', ADMIN_TOKEN, POSTGRES_PASSWORD: 'compose-check-postgres-password',
    };
    writeEnv(settings);
    // The network first, for the relays to listen on its gateway before the replicas start.
    const created = await compose(['up', '--no-start']);
    if (!check('docker-compose creates the project', created.code === 0, created.stderr)) return summary('compose checks');
    const gateway = docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', `${PROJECT}_default`]).stdout.trim();
    if (!check(`its network's gateway is ${GATEWAY}, where the relays listen`, gateway === GATEWAY, gateway)) return summary('compose checks');
    relays.push(await relay(GATEWAY, new URL(api.url)), await relay(GATEWAY, responseUrl), await relay(GATEWAY, new URL(discord.apiUrl)));
    // The relays' ports are known now: the replicas read them when they are created again.
    writeEnv({ ...settings, SLACK_API_URL: relays[0]!.url(), DISCORD_API_URL: relays[2]!.url() });
    const startedAt = Date.now();
    const up = await compose(['up', '-d', '--force-recreate'], 300_000);
    if (!check('docker-compose up -d starts Redis, PostgreSQL, two replicas and the balancer', up.code === 0, up.stderr)) return summary('compose checks');
    await waitUntil('the balancer', async () => ((await postSigned(SLACK, '', FORM, { secret: SECRET })).status < 500 ? true : undefined), 60_000);
    figure('compose up to answering through the balancer', `${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    check('a signed Slack /ask is answered through the balancer', (await slackAsk('Who is Tommy Robinson?')).includes(ANSWER));
    discord.deliverOverHttp(DISCORD);
    const discordReply = await (await discord.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    // The quotes and their paragraphs are in the embed's fields, so the whole message is read.
    const discordText = JSON.stringify(discordReply.message);
    check('a signed Discord interaction is answered through the balancer', discordText.includes(ANSWER_QUOTE), discordText);

    writeFileSync(path.join(dir, 'knowledge', 'entries', 'compose-check.yaml'), entry('compose-check', 'What is the compose check?', 'The compose check answer.'));
    const reload = await fetch(`${OPS_1}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const reloaded = (await reload.json().catch(() => ({}))) as { replicas?: { reloaded?: number } };
    const after = await Promise.all(Array.from({ length: 4 }, () => slackAsk('What is the compose check?')));
    check('an admin reload on storybot-1 is seen by storybot-2 (both reloaded; every answer through the balancer has it)', reload.status === 200 && reloaded.replicas?.reloaded === 2 && after.every((t) => t.includes('The compose check answer.')), JSON.stringify(reloaded) + after.join('\n'));

    const killed = await compose(['kill', 'storybot-1']);
    const flowing = [];
    // People who have not asked yet, so that no rate limit is met.
    for (let i = 0; i < 6; i++) flowing.push(await slackAsk('Who is Tommy Robinson?', `UKILLED${i}`));
    const missed = flowing.filter((t) => !t.includes(ANSWER));
    check(`with storybot-1 killed, answers keep flowing (${flowing.length - missed.length} of ${flowing.length})`, killed.code === 0 && missed.length === 0, missed.map((t) => t.split('\n')[0]).join('\n'));

    const before = await questionsInPostgres();
    const down = await compose(['down']);
    check('docker-compose down stops and removes the containers', down.code === 0, down.stderr);
    const volumes = docker(['volume', 'ls', '-q']).stdout.split('\n').filter((v) => v.startsWith(`${PROJECT}_`));
    figure('volumes kept', volumes.join(', '));
    await compose(['up', '-d', 'postgres']);
    const again = await waitUntil('PostgreSQL again', async () => ((await questionsInPostgres()) >= 0 ? questionsInPostgres() : undefined), 60_000);
    check(`docker-compose down leaves the volumes' questions intact (${before} before, ${again} after)`, before >= 11 && again === before && volumes.length >= 4);
  } catch (error) {
    check('the compose checks finished', false, (error as Error).stack);
  } finally {
    const logs = await compose(['logs', '--no-color', '--tail', '20']);
    if (results.some((r) => !r.ok)) process.stdout.write(logs.stdout);
    await compose(['down', '-v', '--remove-orphans']);
    for (const r of relays) await r.close();
    await Promise.all([api.close(), responses.close(), discord.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
  return summary('compose checks');
}

process.exitCode = await main();

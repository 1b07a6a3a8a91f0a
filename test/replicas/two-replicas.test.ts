// Two StoryBot processes, as npm start runs them, sharing a real Redis and a real
// PostgreSQL, each taking signed Slack HTTP requests and signed Discord HTTP interactions:
// what a load balancer in front of them relies on.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { MESSAGES } from '../../src/core/wording/messages.js';
import { userHasher } from '../../src/storage/user-hash.js';
import { ADMIN, MEMBER, startDiscordStandIn, type DiscordStandIn, type Reply } from '../helpers/discord-stand-in/index.js';
import { copyOfRealKnowledge, SOURCE_ID } from '../helpers/knowledge-dir.js';
import { command, startReplica, type Replica } from '../helpers/replicas.js';
import { startPostgres, type PostgresServer } from '../helpers/services/postgres-server.js';
import { startRedis, waitUntil, type RedisServer } from '../helpers/services/redis-server.js';
import { startResponseUrl, type ResponseUrlStandIn } from '../helpers/slack-stand-in/response-url.js';
import { startWebApi, type WebApiStandIn } from '../helpers/slack-stand-in/web-api.js';

const ADMIN_USER = 'UADMIN1';
const ADMIN_TOKEN = 'replica-suite-admin-token-0123456789';
const ROBINSON_QUOTE = 'Stephen Yaxley-Lennon, the founder of the far-right English Defence League';
const HASH_KEY = 'replica-suite-hash-key';

let redis: RedisServer;
let postgres: PostgresServer;
let api: WebApiStandIn;
let responses: ResponseUrlStandIn;
let discord: DiscordStandIn;
let knowledge: string;
let databaseUrl: string;
let a: Replica;
let b: Replica;

beforeAll(async () => {
  [redis, postgres, api, responses, discord] = await Promise.all([startRedis(), startPostgres(), startWebApi(), startResponseUrl(), startDiscordStandIn()]);
  knowledge = await copyOfRealKnowledge();
  databaseUrl = await postgres.database('replicas');
  const env = {
    SLACK_API_URL: api.url,
    DISCORD_PUBLIC_KEY: discord.publicKey,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_ADMIN_USERS: ADMIN_USER,
    KNOWLEDGE_DIR: knowledge,
    REDIS_URL: redis.url,
    DATABASE_URL: databaseUrl,
    USER_HASH_SECRET: HASH_KEY,
    ADMIN_TOKEN,
    RATE_LIMIT_QUESTIONS: '3',
    RATE_LIMIT_WINDOW_SECONDS: '600',
  };
  // One after the other: two start-ups at once on a small machine take twice as long each.
  a = await startReplica('a', env);
  b = await startReplica('b', env);
}, 180_000);

afterAll(async () => {
  for (const replica of [a, b]) if (replica?.bot.child.exitCode === null) replica.bot.child.kill('SIGTERM');
  await Promise.all([a?.bot.exited, b?.bot.exited]);
  await Promise.all([redis?.close(), postgres?.close(), api?.close(), responses?.close(), discord?.close()]);
}, 60_000);

const ask = (replica: Replica, question: string, userId: string) => command(replica, responses, '/ask', question, userId);

/** A Discord slash command, signed and posted to one replica's interactions endpoint. */
async function slashOn(replica: Replica, name: string, options: Record<string, string>, member = MEMBER): Promise<Reply> {
  discord.deliverOverHttp(replica.interactionsUrl!);
  return (await discord.slash(name, options, member)).reply();
}
const discordText = (reply: Reply) => [reply.message.content ?? '', ...reply.message.embeds.map((e: any) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');
const answered = (texts: string[], quote: string) => texts.some((t) => t.includes(quote));

/** How many questions the shared log holds from these people, whichever replica took them. */
async function logged(userIds: readonly string[]): Promise<number> {
  const hash = userHasher(HASH_KEY);
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM questions WHERE user_hash = ANY($1)', [userIds.map((id) => hash('slack', id))]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

function entry(id: string, question: string, answer: string): string {
  return [`- id: ${id}`, `  question: ${question}`, `  answer: ${answer}`, '  citations:', `    - source: ${SOURCE_ID}`, '      paragraph: 13', '      quote: who is serving an 18-month jail term for contempt of court'].join('\n');
}

describe('two replicas sharing Redis and PostgreSQL', () => {
  it('reload both from the admin endpoint of either, for deploy tooling', async () => {
    await writeFile(path.join(knowledge, 'entries', 'replicas.yaml'), entry('replica-check-one', 'What is the first replica check?', 'The first replica check answer.'));
    const response = await fetch(`${b.bot.ops}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, added: ['replica-check-one'], replicas: { replicas: 2, reloaded: 2, refused: 0, silent: 0 } });
    for (const replica of [a, b]) expect((await ask(replica, 'What is the first replica check?', 'UREADER2')).texts.join('\n')).toContain('The first replica check answer.');
  });

  // Each replica reloads and checks the files itself, concurrently; what the load balancer
  // relies on is that they never serve different knowledge for long. So the measure is the
  // time between the two replicas swapping the new files in, from their own log lines, and
  // not how long a reload takes on a machine as busy as this one may be.
  it('serve a /reload asked of one from both within 2 s of each other, and say that both reloaded', async () => {
    await writeFile(path.join(knowledge, 'entries', 'replicas.yaml'), entry('replica-check-two', 'What is the second replica check?', 'The second replica check answer.'));
    const reply = await command(a, responses, '/reload', '', ADMIN_USER);
    expect(reply.texts.join('\n')).toContain(MESSAGES.reloadReplicasAll(2));
    // Once the reply is there, both already serve the new files.
    const served = await Promise.all([a, b].map((r) => ask(r, 'What is the second replica check?', 'UREADER1')));
    for (const outcome of served) expect(outcome.texts.join('\n')).toContain('The second replica check answer.');
    const swappedAt = (replica: Replica) => replica.bot.logs().find((l) => l.msg === 'knowledge reloaded' && l.added?.includes('replica-check-two'))?.time as number;
    expect(Math.abs(swappedAt(a) - swappedAt(b))).toBeLessThan(2_000);
  });

  it('hold a person to one rate limit across both', async () => {
    const outcomes = [];
    for (const replica of [a, b, a, b]) outcomes.push(await ask(replica, 'Who is Tommy Robinson?', 'ULIMITED'));
    expect(outcomes.slice(0, 3).map((o) => answered(o.texts, ROBINSON_QUOTE))).toEqual([true, true, true]);
    expect(outcomes[3]!.texts.join('\n')).toMatch(/^You're asking quickly; please wait \d+ seconds? and try again\.$/);
    // Someone else is not held up by it, on either replica.
    for (const replica of [a, b]) expect(answered((await ask(replica, 'Who is Tommy Robinson?', 'UOTHER')).texts, ROBINSON_QUOTE)).toBe(true);
  });

  it('answer signed Discord interactions on both, holding a person to one rate limit across them', async () => {
    const person = { ...MEMBER, id: '300000000000000077' };
    const replies = [];
    for (const replica of [a, b, a, b]) replies.push(await slashOn(replica, 'ask', { question: 'Who is Tommy Robinson?' }, person));
    expect(replies.slice(0, 3).map((r) => discordText(r).includes('Stephen Yaxley-Lennon'))).toEqual([true, true, true]);
    expect(replies[3]).toMatchObject({ ephemeral: true });
    expect(replies[3]!.message.content).toMatch(/^You're asking quickly; please wait \d+ seconds? and try again\.$/);
    expect(discord.state.rejections).toEqual([]);
  });

  it('reload both from a Discord /reload on either, and say so there', async () => {
    await writeFile(path.join(knowledge, 'entries', 'replicas.yaml'), entry('replica-check-three', 'What is the third replica check?', 'The third replica check answer.'));
    const reply = await slashOn(b, 'reload', {}, ADMIN);
    expect(discordText(reply)).toContain(MESSAGES.reloadReplicasAll(2));
    for (const replica of [a, b]) expect(discordText(await slashOn(replica, 'ask', { question: 'What is the third replica check?' }))).toContain('The third replica check answer.');
  });

  it('show every question on /gaps, whichever replica took it and whichever is asked', async () => {
    // Far apart, so that the report does not group them as one question asked two ways.
    await ask(a, 'What is the capital of Peru?', 'UGAPS1');
    await ask(b, 'Who won the football on Saturday?', 'UGAPS2');
    for (const replica of [a, b]) {
      // Each replica writes its questions a moment after answering them.
      await waitUntil(async () => {
        const report = (await command(replica, responses, '/gaps', '', ADMIN_USER)).texts.join('\n');
        return report.includes('What is the capital of Peru?') && report.includes('Who won the football on Saturday?');
      }, 15_000, () => undefined);
    }
  });

  it('answer every question while PostgreSQL is down, and log every one of them once it is back', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `UPGDOWN${i}`);
    await postgres.stop();
    try {
      const outcomes = await Promise.all(users.map((user, i) => ask(i % 2 ? b : a, 'Who is Tommy Robinson?', user)));
      expect(outcomes.every((o) => o.status === 200 && answered(o.texts, ROBINSON_QUOTE))).toBe(true);
    } finally {
      await postgres.start();
    }
    await waitUntil(async () => (await logged(users)) === users.length, 60_000, () => undefined);
    expect(await logged(users)).toBe(users.length);
    for (const replica of [a, b]) await replica.bot.logged('question log writes work again: everything held has been written');
  });

  it('answer every question while Redis is down, and share reloads again once it is back', async () => {
    await redis.stop();
    try {
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i % 2 ? b : a, 'Who is Tommy Robinson?', `UREDISDOWN${i}`)));
      expect(outcomes.every((o) => o.status === 200 && answered(o.texts, ROBINSON_QUOTE))).toBe(true);
    } finally {
      await redis.start();
    }
    for (const replica of [a, b]) await replica.bot.logged('redis reachable again: state is shared with the other replicas once more');
    // Each replica's subscription comes back on a connection of its own, a moment apart.
    let tally: Record<string, unknown> = {};
    await waitUntil(async () => {
      const response = await fetch(`${a.bot.ops}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      tally = ((await response.json()) as { replicas: Record<string, unknown> }).replicas;
      return tally.replicas === 2;
    }, 15_000, () => undefined);
    expect(tally).toMatchObject({ replicas: 2, reloaded: 2, reached: true });
  });

  it('log neither the database password, the admin token nor the hashing key', () => {
    const secrets = [new URL(databaseUrl).password, ADMIN_TOKEN, HASH_KEY];
    for (const replica of [a, b]) {
      const text = replica.bot.lines.items.join('\n');
      expect(text).toContain('redis connected');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  // Last: it leaves one replica dead.
  it('lose no answer the other replica took when one is killed with SIGKILL under load', async () => {
    const results: { replica: string; user: string; ok: boolean; error?: string }[] = [];
    let killed = false;
    const total = 80;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const replica = i % 2 ? b : a;
        if (i === total / 4 && !killed) {
          killed = true;
          a.bot.child.kill('SIGKILL');
        }
        const user = `UKILL${i}`;
        try {
          const outcome = await ask(replica, 'Who is Tommy Robinson?', user);
          results.push({ replica: replica.name, user, ok: outcome.status === 200 && answered(outcome.texts, ROBINSON_QUOTE) });
        } catch (error) {
          results.push({ replica: replica.name, user, ok: false, error: String((error as Error).cause ?? error) });
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const onB = results.filter((r) => r.replica === 'b');
    expect(onB).toHaveLength(total / 2);
    expect(onB.filter((r) => !r.ok)).toEqual([]);
    // What went to the killed one either was answered before it died or never got through: nothing wrong was sent.
    for (const r of results.filter((r) => r.replica === 'a' && !r.ok)) expect(r.error).toMatch(/ECONNREFUSED|ECONNRESET|socket|other side closed/i);
    expect(await a.bot.exited).toBeNull();
    // And every answer the survivor gave is in the shared log.
    const answeredByB = results.filter((r) => r.replica === 'b').map((r) => r.user);
    await waitUntil(async () => (await logged(answeredByB)) === answeredByB.length, 15_000, () => undefined);
    expect(await logged(answeredByB)).toBe(answeredByB.length);
  });
});

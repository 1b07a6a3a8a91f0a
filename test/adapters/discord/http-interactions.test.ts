// Discord's HTTP interactions: the stand-in posts each interaction, signed with a key pair
// made for the test, to the bot's endpoint on 127.0.0.1 and takes the HTTP response as the
// first response; deferred replies are edited through the stand-in's webhook routes.
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/conversation/interactions.js';
import type { KnowledgeStore } from '../../../src/core/knowledge/store.js';
import type { Recorder } from '../../../src/core/answering/recorder.js';
import { MESSAGES } from '../../../src/core/wording/messages.js';
import { ADMIN, type Exchange, type Reply } from '../../helpers/discord-stand-in/index.js';
import { postSigned, type HttpReply, type Signer } from '../../helpers/discord-stand-in/sign.js';
import { startTestBot, type TestBot } from '../../helpers/discord-bot.js';

const bots: TestBot[] = [];
afterEach(async () => {
  // Every response the bot gave, inline or through the webhook, must be one Discord accepts.
  for (const bot of bots) expect(bot.standIn.state.rejections).toEqual([]);
  await Promise.all(bots.splice(0).map((bot) => bot.stop()));
});

async function start(options: Parameters<typeof startTestBot>[0] = {}): Promise<TestBot> {
  const bot = await startTestBot({ transport: 'http', ...options });
  bots.push(bot);
  return bot;
}

/** Whatever the bot said, without what differs between two sends of the same thing. */
const shown = (reply: Reply) => ({ ephemeral: reply.ephemeral, content: reply.message.content, embeds: reply.message.embeds, components: reply.message.components });
const buttons = (reply: Reply) => reply.message.components.flatMap((row: any) => row.components).filter((c: any) => c.type === 2);
const webhookCalls = (bot: TestBot) => bot.standIn.state.requests.filter((r) => r.route.startsWith('/webhooks/') || r.route.startsWith('/interactions/'));

describe('a Discord interactions endpoint', () => {
  it('answers a signed PING with PONG, as Discord checks when the endpoint URL is saved', async () => {
    const bot = await start();
    const reply = await postSigned(bot.interactionsUrl!, JSON.stringify({ id: '1', application_id: '1', type: 1, token: 'ping-token', version: 1 }), { signer: signerOf(bot) });
    expect(reply).toMatchObject({ status: 200, json: { type: 1 } });
  });

  const otherKey = generateKeyPairSync('ed25519').privateKey;
  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, (url: string, body: string, bot: TestBot) => Promise<HttpReply>, number]>([
    ['no signature', (url, body, bot) => postSigned(url, body, { signer: signerOf(bot), signature: null }), 401],
    ['a signature by another key', (url, body, bot) => postSigned(url, body, { signer: signerOf(bot), signature: sign(null, Buffer.from(`${now()}${body}`), otherKey).toString('hex') }), 401],
    ['a signature of another body', (url, body, bot) => postSigned(url, body, { signer: signerOf(bot), signature: signerOf(bot).sign(String(now()), `${body} `) }), 401],
    ['a signature that is not hexadecimal', (url, body, bot) => postSigned(url, body, { signer: signerOf(bot), signature: 'z'.repeat(128) }), 401],
    ['a correct signature made six minutes ago', (url, body, bot) => postSigned(url, body, { signer: signerOf(bot), timestamp: now() - 360 }), 401],
    ['a correct signature dated six minutes ahead', (url, body, bot) => postSigned(url, body, { signer: signerOf(bot), timestamp: now() + 360 }), 401],
    ['a signed body that is not JSON', (url, _, bot) => postSigned(url, '{"type": 2, "data": {', { signer: signerOf(bot) }), 400],
    ['a signed body of 1 MB', (url, body, bot) => postSigned(url, body + ' '.repeat(1024 * 1024), { signer: signerOf(bot) }), 413],
    ['signed JSON that is no interaction', (url, _, bot) => postSigned(url, JSON.stringify({ hello: 'world' }), { signer: signerOf(bot) }), 400],
    ['a signed interaction without a token or a sender', (url, _, bot) => postSigned(url, JSON.stringify({ id: '9', application_id: '1', type: 2, data: { name: 'ask' } }), { signer: signerOf(bot) }), 400],
    ['another path', (url, body, bot) => postSigned(url.replace('/discord/interactions', '/discord'), body, { signer: signerOf(bot) }), 404],
  ])('refuses %s with its status, asks nothing and keeps answering', async (_, send, status) => {
    const asked: string[] = [];
    const bot = await start({ ctx: { recorder: { recordQuestion: (q) => void asked.push(q.question), recordVote: () => 'recorded' } } });
    const body = JSON.stringify(askPayload(bot, 'Who is Tommy Robinson?'));
    const reply = await send(bot.interactionsUrl!, body, bot);
    expect(reply.status).toBe(status);
    expect(asked).toEqual([]);
    expect(webhookCalls(bot)).toEqual([]);
    const answer = await (await bot.standIn.slash('ask', { question: 'Who is Jess Phillips?' })).reply();
    expect(answer.message.embeds[0].fields[0].name).toMatch(/^paragraph \d+/);
    expect(asked).toEqual(['Who is Jess Phillips?']);
  });

  it('answers GET with 405, naming POST', async () => {
    const bot = await start();
    const response = await fetch(bot.interactionsUrl!);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('HTTP interactions give the replies the gateway gives', () => {
  it.each<[string, (bot: TestBot) => Promise<Exchange>]>([
    ['/ask answered from the story', (bot) => bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' })],
    ['/ask declined with suggestions', (bot) => bot.standIn.slash('ask', { question: "What is Wes Streeting's majority?" })],
    ['/about', (bot) => bot.standIn.slash('about')],
    ['/reload refused to a member', (bot) => bot.standIn.slash('reload')],
    ['a command it does not have', (bot) => bot.standIn.slash('frobnicate', { question: 'x' })],
  ])('%s', async (_, send) => {
    const gateway = await start({ transport: 'gateway' });
    const http = await start();
    const overGateway = await (await send(gateway)).reply();
    const exchange = await send(http);
    const overHttp = await exchange.reply();
    expect(overHttp.via).toBe('callback');
    expect(overHttp.deferred).toBe(false);
    expect(exchange.http).toMatchObject({ status: 200, json: { type: 4 } });
    expect(maskTimes(shown(overHttp))).toEqual(maskTimes(shown(overGateway)));
    // The whole reply was the HTTP response: nothing went to Discord's REST API.
    expect(webhookCalls(http)).toEqual([]);
  });

  it('autocomplete, answered in the HTTP response with the same choices', async () => {
    const gateway = await start({ transport: 'gateway' });
    const http = await start();
    const exchange = await http.standIn.autocomplete('ask', 'question', 'tommy rob');
    expect(exchange.http).toMatchObject({ status: 200, json: { type: 8 } });
    const choices = await exchange.choices();
    expect(choices.map((c) => c.name)).toContain('Who is Tommy Robinson?');
    expect(choices).toEqual(await (await gateway.standIn.autocomplete('ask', 'question', 'tommy rob')).choices());
  });

  it('a vote and a suggested question picked with the buttons under the replies', async () => {
    const bot = await start({ ctx: { recorder: { recordQuestion: () => undefined, recordVote: () => 'recorded' } } });
    const answer = await (await bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' })).reply();
    const [up] = buttons(answer);
    expect(decodeAction(up.custom_id)).toEqual({ type: 'vote', helpful: true, entryId: 'who-is-tommy-robinson' });
    const vote = await (await bot.standIn.press(answer.message, up.custom_id)).reply();
    expect(vote).toMatchObject({ via: 'callback', ephemeral: true, message: { content: MESSAGES.voteThanks } });

    const decline = await (await bot.standIn.slash('ask', { question: "What is Wes Streeting's majority?" })).reply();
    const [suggestion] = buttons(decline);
    const picked = await (await bot.standIn.press(decline.message, suggestion.custom_id)).reply();
    expect(picked.via).toBe('callback');
    // Picked from a decline only its asker saw, so answered to the asker alone.
    expect(picked.ephemeral).toBe(true);
    expect(picked.message.embeds[0].title).toBe(suggestion.label);
  });
});

describe('a command slower than Discord waits for', () => {
  it('is deferred in the HTTP response, then its reply edited in through DISCORD_API_URL', async () => {
    const bot = await start();
    // The reload waits until the test has seen the deferral, however fast the machine.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = bot.ctx.store;
    bot.ctx.store = Object.create(store, { reload: { value: async () => gate.then(() => store.reload()) } }) as KnowledgeStore;

    const exchange = await bot.standIn.slash('reload', {}, ADMIN);
    expect(exchange.http).toMatchObject({ status: 200, json: { type: 5, data: { flags: 64 } } });
    release();
    const reply = await exchange.reply();
    expect(reply).toMatchObject({ via: 'edit', deferred: true, ephemeral: true });
    expect(reply.message.embeds[0].title).toBe(MESSAGES.reloadedTitle);
    const edit = bot.standIn.state.requests.find((r) => r.method === 'PATCH');
    expect(decodeURIComponent(edit?.route ?? '')).toBe(`/webhooks/${bot.standIn.applicationId}/${exchange.log.payload.token}/messages/@original`);
    // The interaction's token authorises the edit; HTTP interactions need no bot token.
    expect(edit?.authorization).toBeUndefined();
  });

  it.each([
    ['/ask', 'ask', { question: 'Who is Tommy Robinson?' }, false, 'edit'],
    // Deferred in public as an ordinary command, then replaced by a private follow-up.
    ['/about', 'about', {}, true, 'followup'],
  ])('%s, deferred at once, arrives with the right visibility', async (_, name, options, ephemeral, via) => {
    const bot = await start({ deferAfterMs: 0 });
    const exchange = await bot.standIn.slash(name, options, ADMIN);
    expect(exchange.http).toMatchObject({ status: 200, json: { type: 5 } });
    const reply = await exchange.reply();
    expect(reply).toMatchObject({ via, deferred: true, ephemeral });
    expect(reply.message.embeds).toHaveLength(1);
    expect(reply.message.allowed_mentions).toEqual({ parse: [] });
  });

  it('is still delivered when the adapter stops while it runs, and the port closes after', async () => {
    const bot = await start({ deferAfterMs: 0 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = bot.ctx.store;
    bot.ctx.store = Object.create(store, { reload: { value: async () => gate.then(() => store.reload()) } }) as KnowledgeStore;
    const exchange = await bot.standIn.slash('reload', {}, ADMIN);
    const stopped = bot.adapter.stop();
    release();
    await stopped;
    expect((await exchange.reply()).message.embeds[0].title).toBe(MESSAGES.reloadedTitle);
    expect(bot.adapter.connected()).toBe(false);
    await expect(fetch(bot.interactionsUrl!, { method: 'POST' })).rejects.toThrow();
  });
});

describe('stopping behind a load balancer', () => {
  it('closes an idle keep-alive connection instead of leaving it open until it times out', async () => {
    const bot = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ping = JSON.stringify({ id: '1', application_id: '1', type: 1, token: 'ping-token', version: 1 });
    const idle = await keptAlive(agent, bot.interactionsUrl!, ping, bot.standIn.signer);
    expect(idle.headers.connection).toBe('keep-alive');
    await bot.adapter.stop();
    await idle.closed;
    agent.destroy();
  });

  it('answers a request in flight when it stops, and closes that connection after the answer', async () => {
    // A reply within the HTTP response, held back until the adapter is stopping.
    const bot = await start({ deferAfterMs: 60_000 });
    let reached!: () => void;
    let release!: () => void;
    const running = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = bot.ctx.store;
    bot.ctx.store = Object.create(store, { reload: { value: async () => (reached(), gate.then(() => store.reload())) } }) as KnowledgeStore;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const reload = { ...askPayload(bot, ''), member: { user: { id: ADMIN.id, username: ADMIN.username }, permissions: ADMIN.permissions }, data: { id: '2', name: 'reload', type: 1 } };
    const answered = keptAlive(agent, bot.interactionsUrl!, JSON.stringify(reload), bot.standIn.signer);
    await running;
    const stopped = bot.adapter.stop();
    release();
    const reply = await answered;
    expect(reply.json).toMatchObject({ type: 4, data: { embeds: [{ title: MESSAGES.reloadedTitle }] } });
    // Kept alive, the connection would hold the port open for the keep-alive timeout (65 s).
    expect(reply.headers.connection).toBe('close');
    await stopped;
    await reply.closed;
    expect(bot.adapter.connected()).toBe(false);
    agent.destroy();
  });
});

describe('a handler that throws over HTTP', () => {
  const failing: Recorder = {
    recordQuestion: () => {
      throw new Error('the question log is unavailable');
    },
    recordVote: () => 'not-recorded',
  };

  it.each([
    ['before replying', 1500],
    ['after deferring', 0],
  ])('%s still tells the person, only them, that something went wrong, and logs it once without the token', async (_, deferAfterMs) => {
    const bot = await start({ ctx: { recorder: failing }, deferAfterMs });
    const exchange = await bot.standIn.slash('ask', { question: 'Who is Tommy Robinson?' });
    expect(await exchange.reply()).toMatchObject({ ephemeral: true, message: { content: MESSAGES.somethingWentWrong } });
    const failure = await bot.logged((line) => line.msg === 'discord interaction failed');
    expect(failure).toMatchObject({ level: 50, interaction: { command: 'ask' } });
    expect(failure.replyFailed).toBeUndefined();
    expect(bot.logs.filter((line) => line.level >= 50)).toHaveLength(1);
    expect(JSON.stringify(bot.logs)).not.toContain(exchange.log.payload.token);
  });
});

const signerOf = (bot: TestBot) => bot.standIn.signer;

function askPayload(bot: TestBot, question: string) {
  return {
    id: '7',
    application_id: bot.standIn.applicationId,
    type: 2,
    token: 'refused-interaction-token',
    version: 1,
    guild_id: bot.standIn.guildId,
    member: { user: { id: '300000000000000009', username: 'someone' }, permissions: '0' },
    data: { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] },
  };
}

/** Discord's relative timestamps (<t:…:R>) differ between two bots started moments apart. */
/** Without what differs between two runs by design: Discord timestamps, and the random reply ids in buttons. */
function maskTimes<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/<t:\d+:R>/g, '<t:…:R>').replace(/(sb:[a-z-]+:)[0-9a-f]{16}/g, '$1…')) as T;
}

interface KeptAlive {
  headers: IncomingMessage['headers'];
  json: Record<string, any>;
  /** Settles once the connection the response came on is closed. */
  closed: Promise<unknown>;
}

/** A signed POST through a keep-alive agent, as a load balancer sends it; resolves once the response is read. */
function keptAlive(agent: Agent, url: string, body: string, signer: Signer): Promise<KeptAlive> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signer.sign(timestamp, body) };
  return new Promise((resolve, reject) => {
    let closed: Promise<unknown> = Promise.resolve();
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ headers: res.headers, json: JSON.parse(text) as Record<string, any>, closed }));
    });
    req.on('socket', (socket: Socket) => (closed = new Promise((done) => socket.once('close', done))));
    req.on('error', reject);
    req.end(body);
  });
}

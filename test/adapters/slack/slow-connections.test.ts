// Slow and unsigned connections at the Slack endpoint of the bot as npm start runs it: a
// thousand of them trickling bodies in cost little memory and stop nobody's answer, and a
// connection that never finishes its headers is closed.
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTs, type Running } from '../../helpers/long-running.js';
import { textsOf } from '../../helpers/slack-stand-in/read-message.js';
import { FORM, postSigned, slashCommandBody } from '../../helpers/slack-stand-in/sign.js';
import { startWebApi, type WebApiStandIn } from '../../helpers/slack-stand-in/web-api.js';

const SECRET = 'slow-connections-signing-secret';
const CONNECTIONS = 1_000;
const DECLARED = 500_000;
const CHUNK = Buffer.alloc(50_000, 'a');
const MB = 2 ** 20;

/** The most memory the process has held so far (VmHWM, Linux). */
function peakRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) * 1024;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    // The server may answer and close these at any moment: that is the point. Whatever it
    // answers is read, or its closing would never be seen.
    socket.on('error', () => undefined);
    socket.resume();
  });
}

let api: WebApiStandIn;
let bot: Running;
let port: number;
beforeAll(async () => {
  api = await startWebApi();
  port = await freePort();
  bot = startTs('src/index.ts', {
    DISCORD_TOKEN: '',
    SLACK_APP_TOKEN: '',
    LOG_LEVEL: 'info',
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-slow-')),
    SLACK_BOT_TOKEN: 'xoxb-slow-connections',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_PORT: String(port),
    SLACK_HOST: '127.0.0.1',
    SLACK_API_URL: api.url,
  });
  await bot.lines.waitFor((line) => line.includes('slack listening for HTTP requests'));
});
afterAll(async () => {
  await bot.stop();
  await api.close();
});

async function expectStillAnswering(): Promise<void> {
  const body = slashCommandBody({ command: '/ask', text: 'Who is Tommy Robinson?', user_id: 'UREPORT01', response_url: 'http://127.0.0.1:9/unused' });
  const reply = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, FORM, { secret: SECRET });
  expect(reply.status).toBe(200);
  expect(textsOf(reply.json).join('\n')).toContain('paragraph 13');
}

describe('the Slack endpoint under slow, unsigned connections', () => {
  it(`stays under 300 MB while ${CONNECTIONS.toLocaleString('en')} of them trickle in ${DECLARED.toLocaleString('en')}-byte bodies, and answers meanwhile`, { timeout: 120_000 }, async () => {
    const sockets: Socket[] = [];
    for (let i = 0; i < CONNECTIONS; i += 100) sockets.push(...(await Promise.all(Array.from({ length: 100 }, () => open(port)))));
    for (const socket of sockets) {
      socket.write(`POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${DECLARED}\r\n\r\n`);
    }
    // The bodies, a chunk per connection every 200 ms, as a trickle.
    for (let sent = 0; sent < DECLARED; sent += CHUNK.length) {
      for (const socket of sockets) if (!socket.destroyed) socket.write(CHUNK);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expectStillAnswering();
    const peak = peakRss(bot.child.pid!);
    for (const socket of sockets) socket.destroy();
    expect(peak / MB).toBeLessThan(300);
  });

  it('closes a connection that stops halfway through its headers', { timeout: 30_000 }, async () => {
    const socket = await open(port);
    socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slack-Request-Timestamp: ');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(socket.destroyed).toBe(true);
    await expectStillAnswering();
  });
});

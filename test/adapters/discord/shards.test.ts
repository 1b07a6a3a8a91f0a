// The gateway in shards: each connection identifies as [shard id, shard count], Discord
// sends each server's interactions on one shard, and every shard's state shows in /readyz
// and /metrics. The stand-in lets two shards identify at once (max_concurrency 2, as Discord
// gives large bots), so the tests do not wait out Discord's five seconds between identifies.
import { afterEach, describe, expect, it } from 'vitest';
import { guildOnShard, MEMBER, startDiscordStandIn, type DiscordStandIn } from '../../helpers/discord-stand-in/index.js';
import { startTestBot, type TestBot } from '../../helpers/discord-bot.js';
import { startWholeBot, type WholeBot } from '../../helpers/whole-bot.js';

let bot: TestBot | undefined;
let standIn: DiscordStandIn | undefined;
let whole: WholeBot | undefined;
afterEach(async () => {
  if (bot) expect(bot.standIn.state.rejections).toEqual([]);
  await bot?.stop();
  whole?.child.kill('SIGKILL');
  await whole?.exited;
  await standIn?.close();
  bot = standIn = whole = undefined;
});

async function expectAnsweredOnEachShard(s: DiscordStandIn, count: number): Promise<void> {
  for (let shard = 0; shard < count; shard++) {
    const guild = guildOnShard(shard, count);
    expect(s.gateway.shardOf(guild)).toBe(shard);
    const reply = await (await s.slash('ask', { question: 'Who is Tommy Robinson?' }, MEMBER, guild)).reply();
    expect(reply.message.embeds[0].fields[0].name).toContain('paragraph 13');
    const vote = await (await s.press(reply.message, reply.message.components[0].components[0].custom_id, MEMBER, guild)).reply();
    expect(vote.ephemeral).toBe(true);
  }
}

describe('the Discord gateway in shards', () => {
  it.each<[string, 'auto' | number, number]>([
    ['DISCORD_SHARDS=2', 2, 1],
    ['DISCORD_SHARDS=auto, with Discord recommending 2', 'auto', 2],
  ])('with %s, connects two shards and answers the interactions each one brings', async (_, shards, recommended) => {
    bot = await startTestBot({ shards, standIn: { shards: recommended, maxConcurrency: 2 } });
    expect([...bot.standIn.gateway.stats.shards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.adapter.connected()).toBe(true);
    // pingMs is null until a shard's first heartbeat is acknowledged, which may come at any moment.
    expect(bot.adapter.shards?.()).toMatchObject([
      { id: 0, status: 'ready', ready: true },
      { id: 1, status: 'ready', ready: true },
    ]);
    await expectAnsweredOnEachShard(bot.standIn, 2);
  });

  it('resumes one shard the gateway dropped while the other stays up, and answers on both', async () => {
    bot = await startTestBot({ shards: 2, standIn: { maxConcurrency: 2 } });
    const before = { ...bot.standIn.gateway.stats };
    bot.standIn.gateway.drop(4000, 1);
    await expectAnsweredOnEachShard(bot.standIn, 2);
    expect(bot.standIn.gateway.stats.resumes).toBe(before.resumes + 1);
    expect(bot.standIn.gateway.stats.identifies).toBe(before.identifies);
    await bot.logged((line) => line.msg === 'discord gateway resumed' && line.shardId === 1);
    expect(bot.adapter.connected()).toBe(true);
  });
});

describe('npm start with DISCORD_SHARDS=2', () => {
  it("shows each shard's state in /readyz and /metrics", async () => {
    standIn = await startDiscordStandIn({ maxConcurrency: 2 });
    whole = await startWholeBot({ DISCORD_TOKEN: standIn.token, DISCORD_APPLICATION_ID: standIn.applicationId, DISCORD_API_URL: standIn.apiUrl, DISCORD_SHARDS: '2' });
    expect(await whole.logged('discord connected')).toMatchObject({ shards: 2 });
    const ready = await fetch(`${whole.ops}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      adapters: { discord: true },
      shards: {
        discord: [
          { id: 0, status: 'ready' },
          { id: 1, status: 'ready' },
        ],
      },
    });
    const metrics = await (await fetch(`${whole.ops}/metrics`)).text();
    expect(metrics).toMatch(/^storybot_shard_connected\{adapter="discord",shard="0"\} 1$/m);
    expect(metrics).toMatch(/^storybot_shard_connected\{adapter="discord",shard="1"\} 1$/m);
    await expectAnsweredOnEachShard(standIn, 2);
  });
});

// The ceiling for the Discord adapter: a discord.js client on the same gateway that answers
// every interaction with a fixed string and does nothing else.
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL! } });
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isRepliable()) void interaction.reply({ content: 'fixed reply' }).catch(() => undefined);
});
client.once(Events.ClientReady, () => console.error('bare discord ready'));
await client.login(process.env.DISCORD_TOKEN);
process.on('SIGTERM', () => void client.destroy().then(() => process.exit(0)));

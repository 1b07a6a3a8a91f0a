// The ceiling for the Slack adapter: a Bolt app in HTTP mode, verifying signatures as any
// Bolt app does, whose only listener acknowledges every command with an empty body.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const port = Number(process.env.SLACK_PORT);
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET!, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
const app = new App({ token: process.env.SLACK_BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.SLACK_API_URL }, deferInitialization: true });
app.command(/.*/, async ({ ack }) => {
  await ack();
});
await app.init();
await app.start({ port, host: '127.0.0.1' });
console.error(`bare bolt listening on ${port}`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));

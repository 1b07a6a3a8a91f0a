// npm run slack:manifest                         writes slack/manifest.json (Socket Mode)
// npm run slack:manifest -- --request-url URL    prints a manifest for HTTP mode at URL
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.js';
import { manifestText } from '../adapters/slack/manifest.js';

const MANIFEST_PATH = path.join('slack', 'manifest.json');
const USAGE = 'usage: npm run slack:manifest [-- --request-url https://your.host/slack/events]';

let requestUrl: string | undefined;
try {
  requestUrl = parseArgs({ options: { 'request-url': { type: 'string' } } }).values['request-url'];
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

if (requestUrl === undefined) {
  await mkdir(path.dirname(MANIFEST_PATH), { recursive: true });
  await writeFile(MANIFEST_PATH, manifestText(commands));
  console.error(`Wrote ${MANIFEST_PATH} (Socket Mode). Paste it at https://api.slack.com/apps -> Create New App -> From a manifest.`);
} else {
  // Slack only posts to https, and only to a full URL it can reach.
  const url = URL.canParse(requestUrl) ? new URL(requestUrl) : undefined;
  if (!url || url.protocol !== 'https:') {
    console.error(`--request-url must be a full https:// URL, such as https://bot.example.org/slack/events\n${USAGE}`);
    process.exit(2);
  }
  process.stdout.write(manifestText(commands, { requestUrl: url.href }));
}

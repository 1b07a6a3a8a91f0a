// npm run slack:manifest                         writes slack/manifest.json (Socket Mode)
// npm run slack:manifest -- --request-url URL    prints a manifest for HTTP mode at URL
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commands } from '../../commands/index.js';
import { manifestText } from '../adapters/slack/manifest.js';
import { parseCli, usageError } from './args.js';

const MANIFEST_PATH = path.join('slack', 'manifest.json');
const CLI = {
  usage: 'usage: npm run slack:manifest [-- --request-url=https://your.host/slack/events]',
  about: [
    `Without options, writes ${MANIFEST_PATH} for Socket Mode from the commands in commands/.`,
    'With --request-url, prints a manifest for HTTP mode that sends Slack\'s requests to that URL.',
  ],
  options: { 'request-url': { type: 'string' } },
  help: { 'request-url': 'the public https:// address of /slack/events, for HTTP mode' },
} as const;

const requestUrl = parseCli(CLI).values['request-url'];

if (requestUrl === undefined) {
  await mkdir(path.dirname(MANIFEST_PATH), { recursive: true });
  await writeFile(MANIFEST_PATH, manifestText(commands));
  console.error(`Wrote ${MANIFEST_PATH} (Socket Mode). Paste it at https://api.slack.com/apps -> Create New App -> From a manifest.`);
} else {
  // Slack only posts to https, and only to a full URL it can reach.
  const url = URL.canParse(requestUrl) ? new URL(requestUrl) : undefined;
  if (!url || url.protocol !== 'https:') usageError(CLI, '--request-url must be a full https:// URL, such as https://bot.example.org/slack/events');
  process.stdout.write(manifestText(commands, { requestUrl: url.href }));
}

// npm run reload
// Asks the running bot (found through DATA_DIR/storybot.pid) to reload its knowledge base,
// waits for the reload to finish, and prints its report. Exits 0 when the new files are
// being served, 1 when they were rejected (the bot keeps the old ones) or no bot was found.
import { renderReload } from '../adapters/console/render.js';
import { findRunningBot, readReloadReport } from '../ops/reload-control.js';
import { parseCli } from './args.js';
import { readConfig } from './open-store.js';

export const RELOAD_WAIT_MS = 60_000;
const POLL_MS = 100;

async function main(): Promise<number> {
  parseCli({
    usage: 'usage: npm run reload',
    about: [
      'Asks the bot running on this machine (found through DATA_DIR/storybot.pid) to reload its',
      'knowledge files, and prints what changed. Exits 0 when the new files are served, 1 when',
      'they were rejected (the bot keeps the previous ones) or no bot is running.',
    ],
    options: {},
    help: {},
  });
  const { data } = readConfig();
  const bot = findRunningBot(data.dir);
  if (!bot.ok) {
    process.stderr.write(`Cannot reload: ${bot.problem}.\nStart the bot with npm start, or check the files without one using npm run validate.\n`);
    return 1;
  }
  const asked = Date.now();
  process.kill(bot.pid, 'SIGHUP');
  // Reloads run one at a time, so the first to start after the signal read the files as they are now.
  for (const deadline = asked + RELOAD_WAIT_MS; Date.now() < deadline; await sleep(POLL_MS)) {
    const report = readReloadReport(data.dir);
    if (report && report.startedAt.getTime() >= asked) {
      process.stdout.write(`${renderReload(report)}\n`);
      return report.ok ? 0 : 1;
    }
  }
  process.stderr.write(`Sent SIGHUP to StoryBot (pid ${bot.pid}), but it reported no reload within ${RELOAD_WAIT_MS / 1000} s; see its log.\n`);
  return 1;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

process.exitCode = await main();

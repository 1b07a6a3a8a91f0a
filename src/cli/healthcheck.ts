// npm run healthcheck, and the Docker image's HEALTHCHECK (node itself: slim images have no
// curl). Asks the running bot's /healthz on OPS_HOST:OPS_PORT; exits 0 if it answers 200,
// 1 if not or not within HEALTHCHECK_TIMEOUT_MS.
import { OPS_PATHS, opsUrl } from '../ops/ops-server.js';
import { parseCli } from './args.js';
import { readConfig } from './open-store.js';

export const HEALTHCHECK_TIMEOUT_MS = 3_000;

async function main(): Promise<number> {
  parseCli({
    usage: 'usage: npm run healthcheck',
    about: ['Asks the running bot\'s /healthz on OPS_HOST:OPS_PORT. Exits 0 if it answers 200, 1 if not.'],
    options: {},
    help: {},
  });
  const { ops } = readConfig();
  if (ops.port === 0) {
    process.stderr.write('OPS_PORT=0 picks a port at start-up, which the health check cannot know; set OPS_PORT to a fixed port.\n');
    return 1;
  }
  const url = opsUrl(ops.host, ops.port, OPS_PATHS.health);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(HEALTHCHECK_TIMEOUT_MS) });
    if (response.status === 200) return 0;
    process.stderr.write(`${url} answered ${response.status}\n`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    process.stderr.write(`${url} did not answer (${cause})\n`);
  }
  return 1;
}

process.exitCode = await main();

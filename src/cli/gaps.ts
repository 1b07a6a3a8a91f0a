// npm run gaps [-- --limit N]   what people asked that the bot could not answer, answers
//                               voted unhelpful, and entries no question has reached
// npm run gaps -- --yaml        also stage one draft entry per group of declined questions
//                               in KNOWLEDGE_DIR/entries/drafts.yaml
// Reads the log the bot writes: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGaps } from '../adapters/console/render.js';
import { draftEntries, draftsYaml } from '../core/curation/draft-entries.js';
import { buildGapReport, catalogueOf, type Catalogue } from '../core/curation/gap-report.js';
import { buildSnapshot, type KnowledgeStore } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import type { GapReport } from '../core/curation/gaps.js';
import { databasePath } from '../storage/database.js';
import { readGapReport, retentionCutoff } from '../storage/gap-queries.js';
import { openPostgresStore, POSTGRES_WHERE } from '../storage/postgres.js';
import { POSTGRES_LOG_DEFAULTS } from '../storage/postgres-log.js';
import { createLogger } from '../logger.js';
import { openStore, readConfig } from './open-store.js';

export const DRAFTS_FILE = 'drafts.yaml';
const USAGE = 'usage: npm run gaps [-- --limit N] [--yaml]';

const FIRST_HEADER = [
  'Draft entries staged by `npm run gaps -- --yaml` from questions the bot declined.',
  'Drafts are checked by npm run validate but never served. To publish one: write its',
  'answer, add one to three verbatim citations, set status: published, then run',
  'npm run validate and npm run reload. Delete the drafts you do not want.',
].join('\n');

async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readConfig();
  const file = databasePath(config.data.dir);
  if (!config.databaseUrl && !existsSync(file)) {
    process.stderr.write(`There is no question log at ${file} yet: it is made when the bot runs with QUESTION_LOG=on (the default) and DATA_DIR=${config.data.dir}.\n`);
    return 1;
  }
  const store = await openStore(config);
  let report: GapReport;
  if (config.databaseUrl) {
    try {
      report = await readPostgresGapReport(config.databaseUrl, config.data.retentionDays, catalogueOf(store), parsed.limit);
    } catch (error) {
      process.stderr.write(`Cannot read the question log in ${POSTGRES_WHERE}: ${(error as Error).message}.\n`);
      return 1;
    }
  } else report = readGapReport(config.data.dir, config.data.retentionDays, catalogueOf(store), parsed.limit);
  process.stdout.write(`Over the last ${config.data.retentionDays} days (QUESTION_LOG_DAYS):\n${renderGaps(report, { phrasings: true })}\n`);
  return parsed.yaml ? writeDrafts(store, report) : 0;
}

async function writeDrafts(store: KnowledgeStore, report: GapReport): Promise<number> {
  const drafts = draftEntries(report.declined, store.current().knowledge.entries);
  if (drafts.length === 0) {
    process.stdout.write('\nNo drafts to write: there are no declined questions that some entry does not already have.\n');
    return 0;
  }
  const file = path.join(store.dir, 'entries', DRAFTS_FILE);
  const before = existsSync(file) ? await readFile(file, 'utf8') : undefined;
  const comment = before === undefined ? FIRST_HEADER : `Added by npm run gaps -- --yaml on ${new Date().toISOString().slice(0, 10)}.`;
  const yaml = draftsYaml(drafts, comment);
  await writeFile(file, before === undefined || !before.trim() ? yaml : `${before.trimEnd()}\n\n${yaml}`);
  // The drafts must load like any other entries; if they would not, leave the file as it was.
  const built = await buildSnapshot(store.dir);
  if (!built.ok) {
    if (before === undefined) await rm(file, { force: true });
    else await writeFile(file, before);
    process.stderr.write(`The drafts would not validate, so ${file} was left as it was:\n${built.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`\nWrote ${drafts.length} draft entr${drafts.length === 1 ? 'y' : 'ies'} to ${file}: ${drafts.map((d) => d.id).join(', ')}.\n`);
  return 0;
}

/** The gap report from the log on PostgreSQL, whichever replicas wrote it; brings its schema up to date first. */
async function readPostgresGapReport(url: string, retentionDays: number, catalogue: Catalogue, limit: number): Promise<GapReport> {
  const store = await openPostgresStore(url, createLogger({ level: 'warn', pretty: false }));
  try {
    const since = retentionCutoff(new Date(), retentionDays);
    return buildGapReport(await store.gapInputs(since, POSTGRES_LOG_DEFAULTS.maxDeclinedWordings), catalogue, limit);
  } finally {
    await store.close();
  }
}

function parseArgs(args: string[]): { yaml: boolean; limit: number } | undefined {
  let yaml = false;
  let limit = Infinity;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--yaml') yaml = true;
    else if (arg === '--limit' && /^[1-9]\d*$/.test(args[i + 1] ?? '')) limit = Number(args[++i]);
    else return undefined;
  }
  return { yaml, limit };
}

process.exitCode = await main(process.argv.slice(2));

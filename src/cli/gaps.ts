// npm run gaps [-- --limit N]   what people asked that the bot could not answer, answers
//                               voted unhelpful, and entries no question has reached
// npm run gaps -- --yaml        also stage one draft entry per group of declined questions
//                               in KNOWLEDGE_DIR/entries/drafts.yaml
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGaps } from '../adapters/console/render.js';
import { draftEntries, draftsYaml } from '../core/curation/draft-entries.js';
import { catalogueOf } from '../core/curation/gap-report.js';
import { buildSnapshot, type KnowledgeStore } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import type { GapReport } from '../core/curation/gaps.js';
import { databasePath } from '../storage/database.js';
import { readGapReport } from '../storage/gap-queries.js';
import { openStore, readConfig } from './open-store.js';
import { endQuietlyWhenPipeCloses } from './pipe.js';

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
  if (!existsSync(file)) {
    process.stderr.write(`There is no question log at ${file} yet: it is made when the bot runs with QUESTION_LOG=on (the default) and DATA_DIR=${config.data.dir}.\n`);
    return 1;
  }
  const store = await openStore(config);
  let report: GapReport;
  try {
    report = readGapReport(config.data.dir, config.data.retentionDays, catalogueOf(store), parsed.limit);
  } catch (error) {
    process.stderr.write(`Cannot read the question log at ${file}: ${(error as Error).message}. It needs DATA_DIR readable, and writable for SQLite's shared-memory file, by the user running this.\n`);
    return 1;
  }
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

endQuietlyWhenPipeCloses();
process.exitCode = await main(process.argv.slice(2));

// npm run gaps [-- --limit=N]   what people asked that the bot could not answer, answers
//                               voted unhelpful, and entries no question has reached
// npm run gaps -- --yaml        also stage one draft entry per group of declined questions
//                               in KNOWLEDGE_DIR/entries/drafts/drafts.yaml
// Reads the log the bot writes: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderGaps } from '../adapters/console/render.js';
import { deservesDraft, storyTopics } from '../core/curation/about-the-story.js';
import { draftEntries, draftsYaml, engineCorrector } from '../core/curation/draft-entries.js';
import { buildGapReport, catalogueOf, type Catalogue } from '../core/curation/gap-report.js';
import { buildSnapshot, type KnowledgeStore } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import type { GapReport } from '../core/curation/gaps.js';
import { count } from '../core/wording/format.js';
import { isEnglishWord } from '../lexicon/english-words.js';
import { databasePath } from '../storage/database.js';
import { GROUPING_BUDGET_MS, MAX_DECLINED_WORDINGS, retentionCutoff } from '../storage/gap-queries.js';
import { openPostgresStore, POSTGRES_WHERE } from '../storage/postgres.js';
import { openSqliteStore } from '../storage/sqlite.js';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import { parseCli, wholeNumber } from './args.js';
import { openStore, readConfig } from './open-store.js';
import { endQuietlyWhenPipeCloses } from './pipe.js';

/** Where drafts are staged, inside KNOWLEDGE_DIR: a folder of its own, so that it alone can be writable (in Docker, say). */
export const DRAFTS_PATH = path.join('entries', 'drafts', 'drafts.yaml');

const CLI = {
  usage: 'usage: npm run gaps [-- --limit=N] [--yaml]',
  about: [
    'Reports, from the question log (PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR), the',
    'questions the bot declined (near-duplicates grouped), the answers voted unhelpful and the',
    'entries no question reached.',
  ],
  options: { limit: { type: 'string' }, yaml: { type: 'boolean' } },
  help: {
    limit: 'show only the top N of each list',
    yaml: `also stage one draft entry per group of declined questions in KNOWLEDGE_DIR/${DRAFTS_PATH}`,
  },
} as const;

const FIRST_HEADER = [
  'Draft entries staged by `npm run gaps -- --yaml` from questions the bot declined.',
  'Drafts are checked by npm run validate but never served. To publish one: write its',
  'answer, add one to three verbatim citations, set status: published, then run',
  'npm run validate and npm run reload. Delete the drafts you do not want.',
].join('\n');

async function main(): Promise<number> {
  const { values } = parseCli(CLI);
  const limit = wholeNumber(CLI, 'limit', values.limit) ?? Infinity;
  // The report reads questions and votes as logged; it hashes no user id, so needs no key.
  const config = readConfig({ hashing: false });
  const file = databasePath(config.data.dir);
  if (!config.databaseUrl && !existsSync(file)) {
    process.stderr.write(`There is no question log at ${file} yet: it is made when the bot runs with QUESTION_LOG=on (the default) and DATA_DIR=${config.data.dir}.\n`);
    return 1;
  }
  const store = await openStore(config);
  let report: GapReport;
  try {
    report = await readReport(config, catalogueOf(store), limit);
  } catch (error) {
    process.stderr.write(`Cannot read the question log in ${config.databaseUrl ? POSTGRES_WHERE : file}: ${(error as Error).message}. The user running this must be able to read it (and, for SQLite, write beside it in DATA_DIR).\n`);
    return 1;
  }
  process.stdout.write(`Over the last ${config.data.retentionDays} days (QUESTION_LOG_DAYS):\n${renderGaps(report, { phrasings: true })}\n`);
  return values.yaml ? writeDrafts(store, report) : 0;
}

async function writeDrafts(store: KnowledgeStore, report: GapReport): Promise<number> {
  const snapshot = store.current();
  const correct = engineCorrector(snapshot);
  const topics = storyTopics(snapshot.knowledge, isEnglishWord);
  // Each wording is asked again, alone: what needed an earlier answer, or is about something
  // else, is left out (see about-the-story.ts).
  const aboutTheStory = report.declined
    .map((group) => ({ ...group, phrasings: group.phrasings.filter((p) => deservesDraft(store.ask(p), [p, correct(p)], topics)) }))
    .filter((group) => group.phrasings.length > 0);
  const drafts = draftEntries(aboutTheStory, snapshot.knowledge.entries, correct);
  if (drafts.length === 0) {
    process.stdout.write('\nNo drafts to write: every declined question about the story is in some entry already, and the rest are not about the story.\n');
    return 0;
  }
  const file = path.join(store.dir, DRAFTS_PATH);
  const before = existsSync(file) ? await readFile(file, 'utf8') : undefined;
  const comment = before === undefined ? FIRST_HEADER : `Added by npm run gaps -- --yaml on ${new Date().toISOString().slice(0, 10)}.`;
  const yaml = draftsYaml(drafts, comment);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, before === undefined || !before.trim() ? yaml : `${before.trimEnd()}\n\n${yaml}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
    process.stderr.write(
      `Cannot write the drafts to ${file} (${code}): that folder is read-only here. Make ${path.dirname(file)} writable; ` +
        'in Docker, mount it on its own as a writable volume, as docs/operations.md shows under "Running in Docker".\n',
    );
    return 1;
  }
  // The drafts must load like any other entries; if they would not, leave the file as it was.
  const built = await buildSnapshot(store.dir, { isWord: isEnglishWord });
  if (!built.ok) {
    if (before === undefined) await rm(file, { force: true });
    else await writeFile(file, before);
    process.stderr.write(`The drafts would not validate, so ${file} was left as it was:\n${built.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`\nWrote ${count(drafts.length, 'draft entry', 'draft entries')} to ${file}: ${drafts.map((d) => d.id).join(', ')}.\n`);
  return 0;
}

/**
 * The gap report from whichever log the bot writes, through the one store interface: on
 * PostgreSQL every replica's questions (its schema brought up to date first), in SQLite this
 * machine's (only read).
 */
async function readReport(config: Config, catalogue: Catalogue, limit: number): Promise<GapReport> {
  const log = config.databaseUrl ? await openPostgresStore(config.databaseUrl, createLogger({ level: 'warn', pretty: false })) : openSqliteStore(config.data.dir, { mustExist: true });
  try {
    const since = retentionCutoff(new Date(), config.data.retentionDays);
    return buildGapReport(await log.gapInputs(since, MAX_DECLINED_WORDINGS), catalogue, limit, GROUPING_BUDGET_MS);
  } finally {
    await log.close();
  }
}

endQuietlyWhenPipeCloses();
process.exitCode = await main();

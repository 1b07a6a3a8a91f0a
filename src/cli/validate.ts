// npm run validate
// Checks the knowledge base the way a reload does (files, schema, quotes, ids, self-test)
// and lists every problem. Exits 1 when there is any error, so CI and editors can use it.
import { isEnglishWord } from '../lexicon/english-words.js';
import { buildSnapshot } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import { readConfig } from './open-store.js';

const { knowledge } = readConfig();
const built = await buildSnapshot(knowledge.dir, { isWord: isEnglishWord });
if (!built.ok) {
  const errors = built.problems.filter((p) => p.severity === 'error').length;
  console.error(built.problems.map(formatProblem).join('\n'));
  console.error(`\n${knowledge.dir}: ${errors} error(s), ${built.problems.length - errors} warning(s). Nothing was changed.`);
  process.exit(1);
}
const entries = built.snapshot.knowledge.entries;
const drafts = entries.filter((e) => e.status === 'draft').length;
const phrasings = entries.reduce((n, e) => n + 1 + e.alternates.length, 0);
if (built.warnings.length > 0) console.error(built.warnings.map(formatProblem).join('\n'));
console.log(`${knowledge.dir}: OK. ${entries.length - drafts} entries (${drafts} drafts), ${phrasings} phrasings, ${built.snapshot.knowledge.sources.size} source(s); every phrasing finds its own entry. ${built.warnings.length} warning(s).`);

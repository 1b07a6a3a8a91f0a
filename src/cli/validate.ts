// npm run validate
// Checks the knowledge base the way a reload does (files, schema, quotes, ids, self-test)
// and lists every problem. Exits 1 when there is any error, so CI and editors can use it.
import { isEnglishWord } from '../lexicon/english-words.js';
import { buildSnapshot } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';
import { count } from '../core/wording/format.js';
import { parseCli } from './args.js';
import { readConfig } from './open-store.js';

parseCli({
  usage: 'usage: npm run validate',
  about: [
    'Checks the knowledge files in KNOWLEDGE_DIR as a reload does: the schema, ids, citations and',
    'quotes, related ids, and that every question and alternate finds its own entry. Lists every',
    'problem with its file and line; exits 1 if there is an error.',
  ],
  options: {},
  help: {},
});

const { knowledge } = readConfig();
const built = await buildSnapshot(knowledge.dir, { isWord: isEnglishWord });
if (!built.ok) {
  const errors = built.problems.filter((p) => p.severity === 'error').length;
  console.error(built.problems.map(formatProblem).join('\n'));
  console.error(`\n${knowledge.dir}: ${count(errors, 'error')}, ${count(built.problems.length - errors, 'warning')}. The bot would refuse these files.`);
  process.exit(1);
}
const entries = built.snapshot.knowledge.entries;
const drafts = entries.filter((e) => e.status === 'draft').length;
const phrasings = entries.reduce((n, e) => n + 1 + e.alternates.length, 0);
if (built.warnings.length > 0) console.error(built.warnings.map(formatProblem).join('\n'));
const published = count(entries.length - drafts, 'entry', 'entries');
console.log(
  `${knowledge.dir}: OK. ${published} (${count(drafts, 'draft')}), ${count(phrasings, 'phrasing')}, ${count(built.snapshot.knowledge.sources.size, 'source')}; every phrasing finds its own entry. ${count(built.warnings.length, 'warning')}.`,
);

// Shared start-up for the command-line tools: settings, then the knowledge base. Problems
// go to stderr and end the process, so stdout only ever carries the tool's own output.
import dotenv from 'dotenv';
import { isEnglishWord } from '../lexicon/english-words.js';
import { parseConfig, type Config } from '../config.js';
import { warnUnknownSettings } from '../config-names.js';
import { KnowledgeLoadError, KnowledgeStore } from '../core/knowledge/store.js';
import { formatProblem } from '../core/knowledge/problems.js';

export function readConfig(options: { hashing?: boolean } = {}): Config {
  dotenv.config({ quiet: true });
  warnUnknownSettings(process.env);
  const parsed = parseConfig(process.env, options);
  if (!parsed.ok) {
    process.stderr.write(`Configuration problems:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  return parsed.config;
}

export async function openStore(config: Config = readConfig()): Promise<KnowledgeStore> {
  try {
    return await KnowledgeStore.open(config.knowledge.dir, { isWord: isEnglishWord });
  } catch (error) {
    if (error instanceof KnowledgeLoadError) {
      process.stderr.write(`The knowledge base in ${config.knowledge.dir} has problems:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
      process.exit(1);
    }
    throw error;
  }
}

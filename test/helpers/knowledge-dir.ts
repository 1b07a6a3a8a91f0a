// Builds throwaway knowledge folders for tests: the real story and aliases, plus entry
// files given as text, so each test shows exactly the YAML it is about.
import { cp, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REAL_KNOWLEDGE = path.resolve('knowledge');
export const SOURCE_ID = 'musk-grooming-2025-01-03';

/** A minimal valid entry, as YAML, with overridable parts. */
export function entryYaml(id: string, question: string, extra = ''): string {
  return [
    `- id: ${id}`,
    `  question: ${question}`,
    `  answer: Some answer.`,
    `  citations:`,
    `    - source: ${SOURCE_ID}`,
    `      paragraph: 13`,
    `      quote: who is serving an 18-month jail term for contempt of court`,
    extra,
  ]
    .filter(Boolean)
    .join('\n');
}

export async function makeKnowledgeDir(entries: Record<string, string>, options: { copyEntries?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-knowledge-'));
  await cp(path.join(REAL_KNOWLEDGE, 'sources'), path.join(dir, 'sources'), { recursive: true });
  await cp(path.join(REAL_KNOWLEDGE, 'aliases.yaml'), path.join(dir, 'aliases.yaml'));
  await cp(path.join(REAL_KNOWLEDGE, 'quotations.yaml'), path.join(dir, 'quotations.yaml'));
  if (options.copyEntries) {
    await cp(path.join(REAL_KNOWLEDGE, 'entries'), path.join(dir, 'entries'), { recursive: true });
    // The real base answers with its own calibrated models; a copy should too.
    await cp(path.join(REAL_KNOWLEDGE, 'calibration', 'model.json'), path.join(dir, 'calibration', 'model.json'));
  }
  else await mkdir(path.join(dir, 'entries'));
  for (const [name, text] of Object.entries(entries)) await writeFile(path.join(dir, 'entries', name), text);
  return dir;
}

/** A copy of the real knowledge base, for tests that edit it. */
export function copyOfRealKnowledge(extra: Record<string, string> = {}): Promise<string> {
  return makeKnowledgeDir(extra, { copyEntries: true });
}

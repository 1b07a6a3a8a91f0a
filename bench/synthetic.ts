// A synthetic knowledge base of any size, for measuring how the engine scales. Entries use
// made-up words so that each has a distinctive vocabulary, the way curated entries about
// different facts do, plus common words every entry shares; quotes are real excerpts of the
// story so the loader's checks pass.
import { mkdir, writeFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Entry, Knowledge, Source } from '../src/core/knowledge/types.js';

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'si', 'de', 'po', 'gu', 'ba', 'fe', 'zi', 'ho', 'ly', 'qua', 'tre', 'sno', 'bli'];
const COMMON = ['minister', 'report', 'council', 'inquiry', 'election', 'police', 'statement', 'policy', 'town', 'government', 'court', 'campaign'];
const FRAMES = ['what did {a} say about {b}', 'why did {a} criticise the {c} over {b}', '{a} {b} {c}', 'when did {a} announce the {b} {c}', 'who is {a}', 'is it true that {a} backed {b}', 'how did the {c} respond to {a} on {b}', 'where did {a} discuss {b}', '{b} {c} {a} latest', 'what is the {b} {c} of {a}'];

function words(count: number, rand: () => number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    seen.add(w);
  }
  return [...seen];
}

export function syntheticEntries(size: number, source: Source, seed = 1): Entry[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const vocabulary = words(Math.max(200, Math.ceil(size / 2)), rand);
  return Array.from({ length: size }, (_, i): Entry => {
    const a = `${pick(vocabulary)}${i.toString(36)}`; // a name unique to the entry
    const b = pick(vocabulary);
    const c = pick(COMMON);
    const fill = (frame: string) => frame.replace('{a}', a).replace('{b}', b).replace('{c}', c);
    const phrasings = FRAMES.map(fill);
    const paragraph = 1 + Math.floor(rand() * source.paragraphs.length);
    const text = source.paragraphs[paragraph - 1]!;
    const start = Math.floor(rand() * Math.max(1, text.length - 60));
    return {
      id: `synthetic-${i}`,
      question: phrasings[0]!,
      alternates: phrasings.slice(1),
      answer: `According to the story, ${a} said ${b} matters to the ${c}. ${pick(vocabulary)} ${pick(vocabulary)} ${pick(vocabulary)}.`,
      citations: [{ source: source.id, paragraph, quote: text.slice(start, start + 50).trim() }],
      tags: [c],
      related: [],
      status: 'published',
      origin: { file: 'synthetic.yaml' },
    };
  });
}

export function syntheticKnowledge(base: Knowledge, size: number, seed = 1): Knowledge {
  const source = [...base.sources.values()][0]!;
  return { ...base, entries: syntheticEntries(size, source, seed) };
}

/** Writes a synthetic knowledge folder to disk, for measuring loads and reloads. */
export async function writeSyntheticFolder(dir: string, realKnowledgeDir: string, base: Knowledge, size: number, seed = 1): Promise<void> {
  await mkdir(path.join(dir, 'entries'), { recursive: true });
  await cp(path.join(realKnowledgeDir, 'sources'), path.join(dir, 'sources'), { recursive: true });
  const entries = syntheticKnowledge(base, size, seed).entries;
  // Files of 500 entries, like a large curated base split by topic.
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500).map(({ origin: _origin, ...e }) => ({ ...e, related: undefined, tags: e.tags }));
    await writeFile(path.join(dir, 'entries', `synthetic-${String(i / 500).padStart(3, '0')}.yaml`), stringify(chunk));
  }
}

/** Questions for the synthetic base: curated phrasings with a word dropped and a typo. */
export function syntheticQuestions(entries: readonly Entry[], count: number, seed = 2): string[] {
  const rand = random(seed);
  return Array.from({ length: count }, () => {
    const entry = entries[Math.floor(rand() * entries.length)]!;
    const phrasing = [entry.question, ...entry.alternates][Math.floor(rand() * (entry.alternates.length + 1))]!;
    const ws = phrasing.split(' ');
    if (ws.length > 3) ws.splice(Math.floor(rand() * ws.length), 1);
    const w = Math.floor(rand() * ws.length);
    const word = ws[w]!;
    if (word.length > 5) ws[w] = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
    return ws.join(' ');
  });
}

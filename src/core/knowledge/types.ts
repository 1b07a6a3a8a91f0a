// The curated knowledge as the rest of the core sees it, once loaded and checked.
import type { Calibration } from '../search/config.js';
import type { AnswerForm } from './answer-forms.js';

export interface Citation {
  source: string;
  paragraph: number;
  quote: string;
}

export type EntryStatus = 'published' | 'draft';

export interface Entry {
  id: string;
  question: string;
  alternates: string[];
  answer: string;
  citations: Citation[];
  tags: string[];
  related: string[];
  status: EntryStatus;
  /** The forms of question it answers (a person, a time…); read from its phrasings and answer when not given. */
  forms?: AnswerForm[];
  /** Where the entry was read from, for messages: file, first line, and the line of a field. */
  origin: { file: string; line?: number; lineOf?: (path: readonly PropertyKey[]) => number | undefined };
}

export interface Source {
  id: string;
  /** ISO date, e.g. 2025-01-03. */
  published: string;
  summary?: string;
  /** What was not supplied with the story stays null: never guessed. */
  headline: string | null;
  outlet: string | null;
  url: string | null;
  author: string | null;
  /** Paragraph n is paragraphs[n - 1]. */
  paragraphs: string[];
  origin: { file: string };
}

/** Words that mean the same thing in this story, e.g. PM, Prime Minister and Starmer. */
export interface AliasGroup {
  canonical: string;
  terms: string[];
  /** How replies name it ("Wes Streeting"); the canonical when not given. */
  name?: string;
  /** A person, who can be asked what they said. */
  person?: boolean;
  /** How a follow-up may refer to the person: "he", "she" or "they". */
  pronouns?: 'he' | 'she' | 'they';
}

/**
 * Something the story reports someone saying, from the reviewed list in
 * knowledge/quotations.yaml: either words in quotation marks, or the story's own report of
 * what was said. Checked at load against the story like every quote.
 */
export interface Statement {
  id: string;
  source: string;
  paragraph: number;
  /** The words exactly as the story has them. */
  words: string;
  /** They stand inside quotation marks in the story. */
  quoted: boolean;
  /** The alias canonical of who said them, or null when the story names no one. */
  speaker: string | null;
  /** How the story attributes them when it names no one ("an unsubstantiated claim"). */
  attribution?: string;
  origin: { file: string; line?: number };
}

export interface Knowledge {
  sources: ReadonlyMap<string, Source>;
  /** Every entry, drafts included: drafts are checked like the rest but never served. */
  entries: readonly Entry[];
  aliases: readonly AliasGroup[];
  statements: readonly Statement[];
  /** The confidence models fitted by `npm run calibrate`; the engine's defaults when absent. */
  calibration?: Calibration;
}

/**
 * Drops each entry's lookup of field lines once the checks that report them are done: it
 * keeps its file's whole YAML parse alive, about two thirds of a large base's memory.
 */
export function forgetFieldLines(knowledge: Knowledge): void {
  for (const entry of knowledge.entries) delete entry.origin.lineOf;
}

export function publishedEntries(knowledge: Knowledge): Entry[] {
  return knowledge.entries.filter((entry) => entry.status === 'published');
}

export function phrasingsOf(entry: Entry): string[] {
  return [entry.question, ...entry.alternates];
}

// Checks that span entries and sources: the ones a schema cannot express.
import { foldCase, normalizeForQuote } from '../text/normalize.js';
import { askedForm } from '../answering/forms.js';
import { checkForms } from './answer-forms.js';
import type { Problem } from './problems.js';
import { phrasingsOf, type Entry, type Source } from './types.js';

/** The fewest letters a quote may hold and still be checked against its paragraph. */
export const MIN_QUOTE_LETTERS = 12;

/** Entries and sources that failed their own validation: their problems are reported already. */
export interface Unusable {
  entries: Set<string>;
  sources: Set<string>;
}

export function checkEntries(entries: readonly Entry[], sources: ReadonlyMap<string, Source>, unusable: Unusable = { entries: new Set(), sources: new Set() }): Problem[] {
  return [
    ...checkDuplicateIds(entries),
    ...entries.flatMap((entry) => checkCitations(entry, sources, unusable.sources)),
    ...checkRelated(entries, unusable.entries),
    ...checkDuplicatePhrasings(entries),
    ...checkForms(entries, (phrasing) => askedForm(phrasing)?.form),
  ];
}

function at(entry: Entry, field: string, rest: Omit<Problem, 'file' | 'line' | 'field'>): Problem {
  const path = field.split(/[.[\]]+/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const line = entry.origin.lineOf?.(path) ?? entry.origin.line;
  return { file: entry.origin.file, line, field: `${entry.id}.${field}`, ...rest };
}

function checkDuplicateIds(entries: readonly Entry[]): Problem[] {
  const firstSeen = new Map<string, Entry>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const earlier = firstSeen.get(entry.id);
    if (!earlier) {
      firstSeen.set(entry.id, entry);
      continue;
    }
    problems.push(
      at(entry, 'id', {
        code: 'duplicate-id',
        severity: 'error',
        message: `the id "${entry.id}" is already used at ${describeOrigin(earlier)}`,
      }),
    );
  }
  return problems;
}

function checkCitations(entry: Entry, sources: ReadonlyMap<string, Source>, unusableSources: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  entry.citations.forEach((citation, index) => {
    const field = `citations[${index}]`;
    const source = sources.get(citation.source);
    if (!source && unusableSources.has(citation.source)) return;
    if (!source) {
      const known = [...sources.keys()].join(', ') || 'none';
      problems.push(
        at(entry, `${field}.source`, {
          code: 'unknown-source',
          severity: 'error',
          message: `cites the source "${citation.source}", which does not exist (known: ${known})`,
        }),
      );
      return;
    }
    const paragraph = source.paragraphs[citation.paragraph - 1];
    if (paragraph === undefined) {
      problems.push(
        at(entry, `${field}.paragraph`, {
          code: 'paragraph-out-of-range',
          severity: 'error',
          message: `cites paragraph ${citation.paragraph}, but "${source.id}" has paragraphs 1 to ${source.paragraphs.length}`,
        }),
      );
      return;
    }
    const quote = normalizeForQuote(citation.quote);
    // Dots, spaces and dashes are in every paragraph, and "............" normalises to "",
    // which every paragraph includes: a quote must carry enough words to be checked.
    const letters = quote.match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_QUOTE_LETTERS) {
      problems.push(
        at(entry, `${field}.quote`, {
          code: 'quote-not-verbatim',
          severity: 'error',
          message: `holds ${letters} letter${letters === 1 ? '' : 's'}; a quote must hold at least ${MIN_QUOTE_LETTERS} letters of the story, word for word: "${citation.quote}"`,
        }),
      );
      return;
    }
    if (!normalizeForQuote(paragraph).includes(quote)) {
      const elsewhere = source.paragraphs.findIndex((p) => normalizeForQuote(p).includes(normalizeForQuote(citation.quote)));
      const hint = elsewhere >= 0 ? ` (it is in paragraph ${elsewhere + 1})` : ' (it is in no paragraph of the story)';
      problems.push(
        at(entry, `${field}.quote`, {
          code: 'quote-not-verbatim',
          severity: 'error',
          message: `is not a verbatim excerpt of paragraph ${citation.paragraph}${hint}: "${citation.quote}"`,
        }),
      );
    }
  });
  return problems;
}

function checkRelated(entries: readonly Entry[], unusable: ReadonlySet<string>): Problem[] {
  const ids = new Set([...entries.map((entry) => entry.id), ...unusable]);
  return entries.flatMap((entry) =>
    entry.related.flatMap((id, index): Problem[] => {
      if (id === entry.id) {
        return [at(entry, `related[${index}]`, { code: 'unknown-related', severity: 'error', message: 'an entry cannot be related to itself' })];
      }
      if (ids.has(id)) return [];
      return [at(entry, `related[${index}]`, { code: 'unknown-related', severity: 'error', message: `names "${id}", which is not an entry id` })];
    }),
  );
}

/** Two phrasings are the same when they differ only in case, accents, punctuation or spacing. */
export function phrasingKey(text: string): string {
  return foldCase(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function checkDuplicatePhrasings(entries: readonly Entry[]): Problem[] {
  const owner = new Map<string, { entry: Entry; field: string }>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    phrasingsOf(entry).forEach((text, index) => {
      const field = index === 0 ? 'question' : `alternates[${index - 1}]`;
      const key = phrasingKey(text);
      const earlier = owner.get(key);
      if (!earlier) {
        owner.set(key, { entry, field });
      } else if (earlier.entry === entry) {
        problems.push(at(entry, field, { code: 'duplicate-phrasing', severity: 'warning', message: `repeats its own ${earlier.field}: "${text}"` }));
      } else {
        problems.push(
          at(entry, field, {
            code: 'duplicate-phrasing',
            severity: 'error',
            message: `"${text}" is also a phrasing of "${earlier.entry.id}" (${earlier.field}); give each phrasing to one entry`,
          }),
        );
      }
    });
  }
  return problems;
}

function describeOrigin(entry: Entry): string {
  return entry.origin.line ? `${entry.origin.file}:${entry.origin.line}` : entry.origin.file;
}

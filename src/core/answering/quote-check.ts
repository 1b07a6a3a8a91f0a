// Quote checks for the newsroom, answered from the story text itself rather than from a
// curated entry: is this phrase in the story, where, inside quotation marks or in the
// story's own words, and whom does the story attribute it to (from the reviewed list in
// knowledge/quotations.yaml)? When the phrase is not there word for word, the reply says so
// and shows the closest wording the story does use.
import type { SearchIndex } from '../search/search-index.js';
import type { IndexedStatement } from '../search/quote-index.js';
import type { PhraseHit } from '../search/phrase-finder.js';
import { QUOTE_WORDS } from '../wording/quote-words.js';
import { askedSpeaker, hasWords, namedPeople } from './speakers.js';
import type { QuoteCheck } from './reply-types.js';

/** Asks about wording as such: exact words, quotation marks, attribution, spelling. */
const WORDING = /\b(verbatim|word for word|exact(?:ly)? (?:words?|wording|quote|quotation|phrase|phrasing|line|language|terms?)|direct(?:ly)? quot\w*|quot(?:e|es|ed|ation|ations|ing)|inverted commas|attribut\w*|wording|phrasing|spell\w*|spelt)\b/i;
const WHO_SAID = /\bwho\b.*\b(said|says|say|called|calls|wrote|writes|tweeted|tweets|posted|described|claimed|used|uses|urged|accused|suggested|compared)\b/i;
const SPELLING = /\b(spell\w*|spelt)\b/i;
/** A phrase in quotation marks: curly, straight double, or straight single between word edges. */
const QUOTED = /“([^”]{2,200})”|"([^"]{2,200})"|‘([^’]{2,200})’(?!\p{L})|(?<![\p{L}\p{N}])'([^']{2,200})'(?![\p{L}\p{N}])/gu;

export interface Checked {
  check: QuoteCheck;
  /** The places to quote: where the phrase stands, or the closest wording when it does not. */
  cite: PhraseHit[];
  /** Not there word for word, and shown as the story's closest wording (a passage reply). */
  closest: boolean;
  /** Words of the reply, from the wording module. */
  text: string;
}

/** The quote check a question asks for, if it asks for one. */
export function checkQuote(index: SearchIndex, question: string): Checked | undefined {
  const wording = WORDING.test(question);
  const whoSaid = WHO_SAID.test(question);
  const phrases = quotedPhrases(question).filter((p) => checkable(index, p, question));
  if (phrases.length === 0) {
    const implicit = implicitPhrase(index, question);
    if (implicit && (wording || whoSaid || askedSpeaker(index, question))) phrases.push(implicit);
  }
  const elsewhere = wordsOfAnother(index, question, quotedPhrases(question));
  if (elsewhere) return elsewhere;
  if (phrases.length > 0) return checkAll(index, question, phrases);
  if (SPELLING.test(question)) return checkSpelling(index, question);
  if (!wording) return undefined;
  // "Did Musk say Starmer should be arrested? Checking a quote": the words said are checked,
  // not just listed beside everything he said.
  const said = saidClause(index, question);
  return said ? checkPhrase(index, question, said) : quotesOfSpeaker(index, question);
}

/** What a yes-or-no question claims someone said: "did X say <clause>". */
const SAID_CLAUSE = /\b(?:did|does|has|have|is|was)\s+(?:[\p{L}'’.-]+\s+){1,4}?(?:ever\s+|really\s+|actually\s+)?(?:say|said|claim|claimed|write|wrote|tweet|tweeted|post|posted|call for|called for|suggest|suggested)\s+(?:that\s+)?([^?!.;]+)/iu;
const NOT_A_CLAUSE = /^(?:about|of|on|to|regarding|anything|something|much|this|that|it|so|what)\b/i;

function saidClause(index: SearchIndex, question: string): string | undefined {
  const clause = SAID_CLAUSE.exec(question)?.[1]?.trim();
  if (!clause || NOT_A_CLAUSE.test(clause)) return undefined;
  const content = index.analyzer.words(clause).filter((w) => index.analyzer.termOf(w) !== null);
  return content.length >= 2 ? clause : undefined;
}

/**
 * Words that are not stop words to the search, yet are never a quote on their own: "what
 * is the difference between 'since' and 'for'?" asks about English, not the story.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'since until till while whilst although though unless whether after before during between against among across without through around also more most less than one two new last first other same such'.split(' '),
);

/**
 * A phrase worth checking: two words or more that are not stop words, or one word that is
 * neither a stop word nor a function word: one the story has ("TwoTierKeir", "misjudged"),
 * or one the question ties to someone or something of the story ("Musk calling Starmer
 * 'complicit'", "the government 'blocked' an inquiry"), which the check finds absent.
 * "since", "is" and "the" are not, nor "concern" in a question about "whom" that names
 * nothing of the story.
 */
export function checkable(index: SearchIndex, phrase: string, question: string): boolean {
  const content = index.analyzer.words(phrase).filter((w) => {
    const term = index.analyzer.termOf(w);
    return term !== null && !term.startsWith('?') && !FUNCTION_WORDS.has(w);
  });
  if (content.length >= 2) return true;
  if (content.length !== 1 || content[0]!.length < 3) return false;
  return index.quotes.finder.find(content[0]!).some((hit) => hit.exact) || namesSomethingOfTheStory(index, question);
}

/** Whether the question names a person, place or body of the story ("Musk", "Oldham", "the government"). */
function namesSomethingOfTheStory(index: SearchIndex, question: string): boolean {
  const words = index.analyzer.words(question);
  return index.analyzer.spans(words).some((span) => index.isName(span.term));
}

/**
 * Every phrase of the question is checked, not only the longest: a claim that quotes the
 * story in one place and invents words in another must not read as confirmed. Each phrase
 * found is reported where it stands, and the reply says plainly that the others are not
 * there; when none is, the first answers for all.
 */
function checkAll(index: SearchIndex, question: string, phrases: string[]): Checked {
  const checks = phrases.map((phrase) => checkPhrase(index, question, phrase));
  const found = checks.filter((c) => c.cite.length > 0 && !c.closest);
  if (found.length === 0 || checks.length === 1) return checks[0]!;
  const seen = new Set<string>();
  const distinct = found.filter((c) => {
    const key = `${c.cite[0]!.sentence.paragraph}:${c.cite[0]!.start}:${c.cite[0]!.end}`;
    return !seen.has(key) && seen.add(key);
  });
  const absent = found.length < checks.length ? [QUOTE_WORDS.othersAbsent] : [];
  return { check: distinct[0]!.check, cite: distinct.flatMap((c) => c.cite), closest: false, text: [...distinct.map((c) => c.text), ...absent].join(' ') };
}

/**
 * "What did Starmer say in reply to the 'rape gangs' accusation?" asks for the words of
 * someone the story does not quote; the phrase is what they would be replying to, not a
 * claim to check. A yes-or-no question ("Did Starmer say 'rape gangs'?") stays a check.
 */
function wordsOfAnother(index: SearchIndex, question: string, phrases: readonly string[]): Checked | undefined {
  if (phrases.length === 0 || !WHAT_WORDS.test(question)) return undefined;
  const asked = askedSpeaker(index, question);
  if (!asked || hasWords(index, asked) || phrases.some((p) => namedPeople(index, p).some((n) => n.term === asked))) return undefined;
  return { check: { phrase: '', found: false, quoted: false, speaker: index.quotes.personName(asked) }, cite: [], closest: false, text: '' };
}

/** Asks for words ("What did Starmer say…", "How did he respond…"), rather than whether words were said. */
const WHAT_WORDS = /^\W*(?:what|how)\b/i;

export function quotedPhrases(question: string): string[] {
  return [...question.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim()).filter((p) => /\p{L}/u.test(p));
}

/**
 * The words of a quotation from the reviewed list, when the question repeats them, if not
 * word for word then every word of them that is not a stop word ("civil war was
 * inevitable"). Words as written, not synonyms: "grooming gangs" is not "rape gangs".
 */
function implicitPhrase(index: SearchIndex, question: string): string | undefined {
  const asked = new Set(index.analyzer.words(question));
  const found = index.quotes.statements.filter((s) => s.statement.quoted && s.contentWords.length >= 2 && s.contentWords.every((w) => asked.has(w)));
  return found.sort((a, b) => b.loose.length - a.loose.length)[0]?.statement.words;
}

function checkPhrase(index: SearchIndex, question: string, phrase: string): Checked {
  const hits = index.quotes.finder.find(phrase);
  const asked = askedSpeaker(index, question);
  if (hits.length === 0) return notThere(index, phrase);
  // Where several places hold it, the one inside a quotation is what a fact-check is after.
  const ranked = hits.map((hit) => ({ hit, statement: index.quotes.statementsAt(hit)[0], quoted: index.quotes.isQuoted(hit) }));
  ranked.sort((a, b) => Number(b.quoted) - Number(a.quoted) || Number(Boolean(b.statement)) - Number(Boolean(a.statement)));
  const { hit, statement, quoted } = ranked[0]!;
  const speaker = statement?.statement.speaker ?? null;
  const check: QuoteCheck = { phrase: hit.wording, found: hit.exact, quoted, speaker: speaker && index.quotes.nameOf(speaker) };
  const mismatch = asked && statement?.speaker && asked !== statement.speaker ? index.quotes.personName(asked) : undefined;
  const spokenOf = mismatch ? undefined : otherSubject(index, question, phrase, hit, statement?.speaker ?? null);
  return { check, cite: [hit], closest: false, text: QUOTE_WORDS.found(hit, check, statement?.statement.attribution, mismatch, spokenOf) };
}

/**
 * "Did Musk say Starmer 'deserves to be in prison'?": the speaker is right, but the story
 * reports the words of Jess Phillips. The person the question names, other than the
 * speaker and outside the phrase, whom the story's sentence does not name when it names
 * someone else instead.
 */
function otherSubject(index: SearchIndex, question: string, phrase: string, hit: PhraseHit, speaker: string | null): { story: string; asked: string } | undefined {
  const inPhrase = new Set(namedPeople(index, phrase).map((p) => p.term));
  const asked = namedPeople(index, question).map((p) => p.term).filter((t) => t !== speaker && !inPhrase.has(t));
  if (asked.length === 0) return undefined;
  const told = namedPeople(index, hit.sentence.text).map((p) => p.term).filter((t) => t !== speaker);
  if (told.length === 0 || asked.some((t) => told.includes(t))) return undefined;
  return { story: index.quotes.personName(told[0]!), asked: index.quotes.personName(asked[0]!) };
}

/** Not word for word: the sentence sharing most of its meaning, if one clearly does. */
function notThere(index: SearchIndex, phrase: string): Checked {
  const terms = index.analyzer.analyze(phrase);
  const best = index.passages.match(terms)[0];
  const check: QuoteCheck = { phrase, found: false, quoted: false, speaker: null };
  if (!best || best.coverage < CLOSE_WORDING) return { check, cite: [], closest: false, text: QUOTE_WORDS.absent };
  return { check, cite: [wholeSentence(best.sentence)], closest: true, text: QUOTE_WORDS.closest };
}

/** "Need Streeting's words verbatim": the quotations of the person asked about, on the topic asked. */
function quotesOfSpeaker(index: SearchIndex, question: string): Checked | undefined {
  const people = namedPeople(index, question);
  // "Streeting's description of Musk's views", "a quote from Jess Phillips about Musk": the
  // person named first is the one whose words are asked for.
  const person = askedSpeaker(index, question) ?? people[0]?.term;
  if (!person) return undefined;
  const theirs = index.quotes.statements.filter((s) => s.statement.quoted && s.speaker === person);
  const name = index.quotes.personName(person);
  if (theirs.length === 0) return { check: { phrase: '', found: false, quoted: false, speaker: name }, cite: [], closest: false, text: '' };
  const topic = index.analyzer.analyze(question).map((t) => t.term).filter((t) => !people.some((p) => p.term === t));
  const overlap = (s: IndexedStatement) => topic.filter((t) => s.terms.has(t)).length;
  const best = Math.max(...theirs.map(overlap));
  const chosen = (best > 0 ? theirs.filter((s) => overlap(s) === best) : theirs).slice(0, 3);
  const cite = chosen.flatMap((s) => index.quotes.finder.find(s.statement.words).slice(0, 1));
  if (cite.length === 0) return undefined;
  return { check: { phrase: cite[0]!.wording, found: true, quoted: true, speaker: name }, cite, closest: false, text: QUOTE_WORDS.quotesOf(name) };
}

function wholeSentence(sentence: PhraseHit['sentence']): PhraseHit {
  return { sentence, wording: sentence.text, start: 0, end: sentence.text.length, exact: false };
}

/** Share of a phrase's weight a sentence must hold to count as its closest wording. */
const CLOSE_WORDING = 0.5;

/** Words of the question that are not about spelling: the name or word to look up. */
const SPELLING_FRAME = /\b(how|is|are|do|does|did|we|you|i|it|its|the|a|an|of|in|on|our|this|that|story|article|piece|copy|text|report|name|names|word|spell\w*|spelt|check|correct|correctly|right|confirm|please|written|write|writes|wrote|exactly|exact|version|form|used|use|uses|as|per|for|with|there|here|what)\b/gi;

function checkSpelling(index: SearchIndex, question: string): Checked | undefined {
  const rest = question.replace(/["“”‘’':?!.,;()]/g, ' ').replace(SPELLING_FRAME, ' ').replace(/\s+/g, ' ').trim();
  if (!rest) return undefined;
  // The whole remainder first; else each run of capitalised words, where names are written
  // ("Spelling check: Jess Phillips, one l or two?").
  const runs = [rest, ...(question.match(/\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu) ?? [])];
  const hits = runs.map((run) => index.quotes.finder.find(run)).find((found) => found.length > 0);
  if (!hits) return undefined;
  const hit = hits[0]!;
  const statement = index.quotes.statementsAt(hit)[0];
  const quoted = index.quotes.isQuoted(hit);
  const speaker = statement?.statement.speaker ?? null;
  const check: QuoteCheck = { phrase: hit.wording, found: hit.exact, quoted, speaker: speaker && index.quotes.nameOf(speaker) };
  return { check, cite: [hit], closest: false, text: QUOTE_WORDS.spelled(hit) };
}

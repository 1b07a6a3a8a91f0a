// The form of answer a question asks for (a person, a time, a number, a place, an age, a
// reason, yes or no, someone's words) and whether a curated entry gives it. A curated
// answer about the right thing in the wrong form misleads: "how old is Starmer?" is not
// answered by the story's date, nor "how many posts?" by what the posts said.
import { FORM_EVIDENCE, NUMBER_WORD, type AnswerForm } from '../knowledge/answer-forms.js';
import type { Entry } from '../knowledge/types.js';
import type { SearchIndex } from '../search/search-index.js';
import { stem } from '../search/stem.js';
import { askingSentences } from './asking-sentences.js';
import { namedPeople } from './speakers.js';

export { ANSWER_FORMS, type AnswerForm } from '../knowledge/answer-forms.js';

export interface AskedForm {
  form: AnswerForm;
  /**
   * What the form is asked of, as the question words it: the act after "who" ("wrote"),
   * the thing counted after "how many" ("posts"), "duration" for "how long", "year" when a
   * calendar year is wanted. Matched against entries, never shown.
   */
  focus?: string;
}

const DURATION = new RegExp(String.raw`\b${NUMBER_WORD}[- ](?:years?|months?|weeks?|days?|hours?|decades?)\b|\bdecades?\b`, 'i');
const YEAR = /\b(?:1[89]\d\d|20\d\d)\b/;

const AUX = new Set(['did', 'does', 'do', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'can', 'could', 'should']);
const FUTURE = new Set(['will', 'would', 'shall', 'might', 'may', 'gonna']);
const ADVERBS = new Set(['actually', 'really', 'exactly', 'even', 'first', 'originally']);

/** A thing, not a person: "how old is the report" asks when it was written, not an age. */
const THING = String.raw`(?:it|(?:the|this|that|these|those)\s+(?:[\p{L}-]+\s+){0,2}?(?:story|article|piece|news|report|review|case|cases|scandal|scandals|abuse|claim|claims|posts?|tweets?|inquiry|election|party|quote))`;

/**
 * The readings of a question; the one that starts first wins. `lead` marks question words
 * that also join clauses ("the man who founded", "mean when it comes to"): they count only
 * near the start of the sentence, or before a verb that makes them ask.
 */
const READINGS: readonly { form: AnswerForm; pattern: RegExp; lead?: true; focus?: (m: RegExpExecArray) => string | undefined }[] = [
  { form: 'age', pattern: new RegExp(String.raw`\bhow old\b(?!\s+(?:is|was|are|were)\s+${THING})|\bwhat age\b|\b(?:his|her|their) age\b|\bage of\b|\bwhen was \S+(?: \S+)? born\b|\bbirthday\b|\byear of birth\b`, 'iu') },
  { form: 'time', pattern: /\bhow (?:many|much) (?:\S+ ){0,2}?ago\b/i },
  { form: 'count', pattern: /\bhow long\b(?! ago)/i, focus: () => 'duration' },
  { form: 'count', pattern: /\b(?:how many|number of|how much)\s+([\p{L}-]+)/iu, focus: (m) => (NOT_COUNTED.has(m[1]!.toLowerCase()) ? undefined : m[1]) },
  { form: 'count', pattern: /\b(?:how many|how much|what number|exact number|exact count|exact figure)\b/i },
  { form: 'time', pattern: /\b(?:(?:what|which|exact|precise|specific) years?|in which years?|what dates?|exact dates?|which dates?)\b/i, focus: () => 'year' },
  { form: 'time', pattern: new RegExp(String.raw`\bwhat (?:day|month|time)\b|\bwhich (?:day|month)\b|\bhow long ago\b|\bsince when\b|\bhow old (?:is|was|are|were) ${THING}`, 'iu') },
  { form: 'time', pattern: /\bwhen\b/i, lead: true },
  { form: 'place', pattern: /\bwhere\b/i, lead: true },
  { form: 'place', pattern: /\b(?:which|what) (?:town|city|cities|towns|court|place|street|venue|building|prison|jail)\b/i },
  { form: 'person', pattern: /\bwho(?:m|se|'s|s)?\b([\s\p{L}'-]*)/iu, lead: true, focus: (m) => (/^who(?:se|'s|s)\b/i.test(m[0]) ? undefined : actAfterWho(m[1] ?? '')) },
  { form: 'person', pattern: /\b(?:which|what) (?:person|people|minister|politician|official|mp|judge|journalist|reporter|author|man|woman|leader|cabinet minister)\b/i },
  { form: 'reason', pattern: /\bwhy\b|\bhow come\b/i, lead: true, focus: () => 'why' },
  { form: 'reason', pattern: /\bfor what reason\b|\bwhat (?:reason|sparked|caused|prompted|triggered|led to|made)\b/i },
  { form: 'yes-no', pattern: /^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b/i },
];
const NOT_COUNTED = new Set(['did', 'does', 'do', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'of', 'the', 'a', 'he', 'she', 'they', 'it', 'money']);
const ASKING_VERB = /^\W*(?:did|does|do|is|was|are|were|will|would|has|had|have|can|could|should|exactly|actually|really|[,?!.]|$)/i;

function leads(text: string, at: number, length: number): boolean {
  return text.slice(0, at).split(/\s+/).filter(Boolean).length <= 3 || ASKING_VERB.test(text.slice(at + length).replace(/^'s\b/, ' is'));
}

/** The act asked about after "who": "who wrote …" → "wrote"; "who will chair" → "chair"; "who is" → none. */
function actAfterWho(rest: string): string | undefined {
  const words = rest.toLowerCase().split(/\s+/).filter((w) => w && !ADVERBS.has(w));
  // "who did the report blame": the act comes after its object, out of reach of a word list.
  if (AUX.has(words[0] ?? '')) return undefined;
  return FUTURE.has(words[0] ?? '') ? words[1] : words[0];
}

/** The form the question asks for, read from its asking sentences; undefined for "what …?" and the like. */
export function askedForm(question: string): AskedForm | undefined {
  const parts = askingSentences(question);
  for (const text of parts.length > 0 ? parts : [question]) {
    let first: { at: number; form: AnswerForm; focus?: string } | undefined;
    for (const { form, pattern, lead, focus } of READINGS) {
      const m = pattern.exec(text);
      if (!m || (first && first.at <= m.index)) continue;
      if (lead && !leads(text, m.index, /^\S+/.exec(m[0])![0].length)) continue;
      const of = focus?.(m);
      first = { at: m.index, form, ...(of ? { focus: of } : {}) };
    }
    if (first) return { form: first.form, ...(first.focus ? { focus: first.focus } : {}) };
  }
  return undefined;
}

export interface EntryForms {
  forms: ReadonlySet<AnswerForm>;
  /** Declared in the entry's `forms` field rather than read from its phrasings and answer. */
  declared: boolean;
  /** The focus of each form its phrasings ask ("posts" for "how many posts…"). */
  focuses: ReadonlyMap<AnswerForm, ReadonlySet<string>>;
}

const cache = new WeakMap<Entry, EntryForms>();

/**
 * The forms an entry answers: those it declares, else those its phrasings ask and its
 * answer shows (a date answers "when", a number "how many").
 */
export function formsOfEntry(entry: Entry): EntryForms {
  const known = cache.get(entry);
  if (known) return known;
  const forms = new Set<AnswerForm>(entry.forms ?? []);
  const focuses = new Map<AnswerForm, Set<string>>();
  for (const phrasing of [entry.question, ...entry.alternates]) {
    const asked = askedForm(phrasing);
    if (!asked) continue;
    if (!entry.forms) forms.add(asked.form);
    if (asked.focus) focuses.set(asked.form, (focuses.get(asked.form) ?? new Set()).add(asked.focus.toLowerCase()));
  }
  if (!entry.forms) for (const [form, evidence] of Object.entries(FORM_EVIDENCE)) if (evidence.test(entry.answer)) forms.add(form as AnswerForm);
  const result = { forms, declared: entry.forms !== undefined, focuses };
  cache.set(entry, result);
  return result;
}

/**
 * The form a question asks for that the entry does not give, if any. Yes-or-no questions
 * and questions of no particular form fit any entry; someone's words are the speaker
 * guard's to judge (guards.ts).
 */
export function unfitForm(index: SearchIndex, question: string, entry: Entry): AskedForm | undefined {
  const asked = askedForm(question);
  if (!asked || asked.form === 'yes-no' || asked.form === 'words') return undefined;
  // "Why did the Conservatives win in 2024?": a why built on a false premise is best met by
  // the entry that states what the story says, so only "what sparked it?" asks a cause alone.
  if (asked.focus === 'why') return undefined;
  const { forms, focuses } = formsOfEntry(entry);
  // An answer that names one of the story's people answers "who" (Robinson's real name).
  const named = asked.form === 'person' && !forms.has('person') && namedPeople(index, entry.answer).length > 0;
  if (!forms.has(asked.form) && !named) return asked;
  if (!asked.focus) return undefined;
  // "who wrote the report?" is not answered by an entry about who the report blamed.
  if (asked.form === 'person') return actInPhrasings(index, entry, asked.focus) ? undefined : asked;
  const same = (focus: string) => (asked.form === 'count' ? stem(focus) === stem(asked.focus!.toLowerCase()) : sameTerm(index, focus, asked.focus!));
  if ([...(focuses.get(asked.form) ?? [])].some(same)) return undefined;
  switch (asked.focus) {
    case 'duration':
      return DURATION.test(entry.answer) ? undefined : asked;
    case 'year':
      return YEAR.test(entry.answer) ? undefined : asked;
  }
  if (asked.form === 'count') return countedInAnswer(index, entry.answer, asked.focus) ? undefined : asked;
  return undefined;
}

/**
 * A number standing just before the thing counted: "14 years". The same word, not a
 * synonym: "a 2022 report noted" counts no posts, though noting and posting are both saying.
 */
function countedInAnswer(index: SearchIndex, answer: string, counted: string): boolean {
  const words = index.analyzer.words(answer);
  const number = new RegExp(String.raw`^${NUMBER_WORD}$`, 'i');
  const thing = stem(counted.toLowerCase());
  return words.some((w, i) => stem(w) === thing && words.slice(Math.max(0, i - 3), i).some((n) => number.test(n) && n !== 'a'));
}

/**
 * Acts of making something (a report, an inquiry, a post): "who wrote the report?" asks for
 * an author the story may not name, however much else it says of the report. The stemmer
 * folds some of them into other words ("authored" and "authorities"), so they are compared
 * as written, with the acts the entry's own "who" phrasings ask about.
 */
const MAKING = new Set(['wrote', 'write', 'writes', 'written', 'authored', 'author', 'penned', 'compiled', 'commissioned', 'conducted', 'published', 'produced', 'chaired', 'chair', 'chairs', 'led', 'lead', 'leads', 'headed', 'head', 'ran', 'run', 'runs', 'carried', 'funded', 'ordered', 'started', 'owns', 'owned']);

function actInPhrasings(index: SearchIndex, entry: Entry, act: string): boolean {
  const acts = [...(formsOfEntry(entry).focuses.get('person') ?? [])];
  if (MAKING.has(act.toLowerCase())) return acts.some((f) => MAKING.has(f));
  if (acts.some((f) => sameTerm(index, f, act))) return true;
  const term = termOf(index, act);
  if (!term) return true;
  return [entry.question, ...entry.alternates].some((p) => index.analyzer.analyze(p).some((t) => t.term === term));
}

function termOf(index: SearchIndex, word: string): string | undefined {
  return index.analyzer.analyze(word)[0]?.term;
}

function sameTerm(index: SearchIndex, a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const ta = termOf(index, a);
  return ta !== undefined && ta === termOf(index, b);
}

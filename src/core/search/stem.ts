// A light English stemmer: enough to make "prosecutions", "prosecuted" and "prosecutor"
// one term, without a dictionary. It only has to be consistent, because questions and
// knowledge pass through the same function; readable stems are not a goal.

// A Map, never a plain object: a word such as "constructor" or "__proto__" must not find
// Object.prototype's members.
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  Object.entries({
    said: 'say', says: 'say', told: 'tell', wrote: 'write', written: 'write', won: 'win',
    led: 'lead', thought: 'think', bought: 'buy', brought: 'bring', took: 'take', taken: 'take',
    gave: 'give', given: 'give', went: 'go', gone: 'go', made: 'make', saw: 'see', seen: 'see',
    knew: 'know', known: 'know', spoke: 'speak', spoken: 'speak', began: 'begin', begun: 'begin',
    kept: 'keep', men: 'man', women: 'woman', children: 'child', felt: 'feel', sent: 'send',
    held: 'hold', met: 'meet', ran: 'run', grew: 'grow', lost: 'lose', paid: 'pay',
    sought: 'seek', caught: 'catch', fought: 'fight', stood: 'stand', chose: 'choose',
    chosen: 'choose', ate: 'eat', fell: 'fall', hid: 'hide', lied: 'lie',
    // Words that only look inflected.
    became: 'becom', found: 'find', finds: 'find', finding: 'find', findings: 'find', abuser: 'abuser', abusers: 'abuser', groomer: 'groomer', groomers: 'groomer',
    news: 'news', series: 'series', means: 'means', politics: 'politic', always: 'always',
  }),
);

const VOWEL = /[aeiouy]/;
// Derivational endings, longest first; each needs at least four letters left before it.
const DERIVATIONAL = ['ization', 'isation', 'ation', 'ition', 'ment', 'ness', 'able', 'ible', 'ism', 'ist', 'ity', 'ise', 'ize', 'ian', 'ion', 'ive', 'ous', 'ate', 'al', 'er', 'or', 'ly'];

export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;

  let w = stripPlural(word);
  w = stripVerbEnding(w);
  for (let pass = 0; pass < 2; pass++) {
    const suffix = DERIVATIONAL.find((s) => w.endsWith(s) && w.length - s.length >= 4);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  // British "-our" and American "-or" spellings meet: labour/labor, favour/favor.
  if (w.length > 5 && w.endsWith('our')) w = `${w.slice(0, -3)}or`;
  return w;
}

function stripPlural(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

function stripVerbEnding(w: string): string {
  if (w.endsWith('eed')) return w;
  for (const suffix of ['ing', 'ed']) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length < 3 || !VOWEL.test(base)) return w;
    // "stopped" -> "stop", but "rolled" keeps its double l.
    if (/([^aeiouylsz])\1$/.test(base)) return base.slice(0, -1);
    // "criticised" -> "criticise", so that the -ise rule below can apply.
    if (/(is|iz|at|bl|ur|iv|uc|os)$/.test(base)) return `${base}e`;
    return base;
  }
  return w;
}

// Text nobody should have to type, for property tests: emoji and their joiners, right-to-left
// scripts and bidi controls, zero-width characters, lone surrogates, control characters,
// punctuation alone, very long strings, and real questions with all of that mixed in.
import fc from 'fast-check';

const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇬🇧', '❤️', '🤖', '🧵', '\u{1F9D1}\u200D\u{1F680}'];
const RIGHT_TO_LEFT = ['من هو تومي روبنسون؟', 'מי זה טומי רובינסון', 'ماسک', '\u202Eevil\u202C', '\u202B', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E'];
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00'];
const CONTROLS = ['\u0000', '\u0007', '\u001B[31m', '\u007F', '\u0085', '\r', '\n', '\t', '\u2028', '\u2029'];
const PUNCTUATION = [...'!?.,;:…—–-"\'()[]{}<>*&^%$#@~`|\\/+=_'];
const MARKUP = ['<!channel>', '<@U012ABC>', '@everyone', '||spoiler||', '`code`', '**bold**', '&lt;', '&amp;', '${x}', '%s', '{{x}}', '\\u0000'];
export const REAL_QUESTIONS = ['Who is Tommy Robinson?', 'What did Musk accuse Starmer of?', 'Where is Oldham?', 'Who is Jess Phillips?', 'What did Wes Streeting say?'];

const piece = fc.oneof(
  fc.constantFrom(...EMOJI),
  fc.constantFrom(...RIGHT_TO_LEFT),
  fc.constantFrom(...ZERO_WIDTH),
  fc.constantFrom(...LONE_SURROGATES),
  fc.constantFrom(...CONTROLS),
  fc.constantFrom(...PUNCTUATION),
  fc.constantFrom(...MARKUP),
  fc.string({ unit: 'binary', maxLength: 8 }),
  // Single UTF-16 units, so halves of surrogate pairs turn up on their own.
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom(...REAL_QUESTIONS.flatMap((q) => q.split(' '))),
  fc.constant(' '),
);

/** A real question with hostile pieces pushed in between its words and around it. */
const spoiledQuestion = fc
  .tuple(fc.constantFrom(...REAL_QUESTIONS), fc.array(fc.tuple(fc.nat(), piece), { maxLength: 4 }))
  .map(([question, inserts]) => {
    let text = question;
    for (const [at, insert] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i);
    }
    return text;
  });

/** A string of about `length` UTF-16 units made by repeating a short hostile string. */
const veryLong = (length: number) =>
  fc.array(piece, { minLength: 1, maxLength: 6 }).map((pieces) => {
    const unit = pieces.join('') || 'x';
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  });

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')),
  spoiledQuestion,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...PUNCTUATION, ' '), minLength: 1, maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...ZERO_WIDTH, ...LONE_SURROGATES), minLength: 1, maxLength: 40 }),
  veryLong(10_000),
  // Just either side of the question length limit, where cutting could split a pair.
  fc.integer({ min: 290, max: 310 }).chain((n) => veryLong(n)),
);

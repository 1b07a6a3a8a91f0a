// Text normalisation shared by the quote checks and the search analyzer.

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** Straight quotes and plain hyphens, so "Musk’s" and "Musk's" compare equal. */
export function straightenPunctuation(text: string): string {
  return text.replace(CURLY_SINGLE, "'").replace(CURLY_DOUBLE, '"').replace(DASHES, '-');
}

/**
 * The form in which a quote is compared with its paragraph: whitespace, case and curly
 * quotes do not count, nor do leading or trailing dots or ellipses (a quote may end where
 * the sentence does).
 */
export function normalizeForQuote(text: string): string {
  return straightenPunctuation(text.normalize('NFKC'))
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^[.…\s]+|[.…\s]+$/g, '');
}

/** Lower case without accents: "Zoë" and "zoe" are the same word to a searcher. */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().normalize('NFC');
}

// C0/C1 controls, zero-width and bidi-control characters, and lone surrogates: none of them
// carry meaning in a question, and some make text render deceptively.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// Every other invisible format character (Unicode's Cf: the soft hyphen, U+180E, tag
// characters…) and the variation selectors: "dese\u00ADrves" must match "deserves".
const FORMAT = /[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Strips what a person cannot have meant to type and folds runs of whitespace. */
export function cleanInput(text: string): string {
  return text
    .replace(LONE_SURROGATE, '')
    .replace(/[\t\n\r]+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(FORMAT, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// The forms of answer an entry can declare in its `forms` field, how each shows in an
// answer's text, and the check `npm run validate` makes of them: a declared form the answer
// does not show is an error, and a form the phrasings ask that the answer does not show is
// a warning, since such an entry would be served to questions it cannot answer.
import type { Problem } from './problems.js';
import type { Entry } from './types.js';

export const ANSWER_FORMS = ['person', 'time', 'count', 'place', 'age', 'reason', 'yes-no', 'words'] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];

export const NUMBER_WORD = String.raw`(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|fifty|hundred|thousand|dozens?|hundreds|thousands|several|a few|a)`;

/** How the answer of a form shows in an answer's text, for the forms with a recognisable shape. */
export const FORM_EVIDENCE: Partial<Record<AnswerForm, RegExp>> = {
  time: /\b(?:1[89]\d\d|20\d\d)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|summer|winter|spring|autumn|decades?|ago|earlier|later|since)\b/i,
  age: /\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bborn (?:in |on )?\S+/i,
  count: new RegExp(String.raw`\b(?!a\b)${NUMBER_WORD}\b`, 'i'),
};

const SHAPE: Partial<Record<AnswerForm, string>> = { time: 'date or time', age: 'age', count: 'number' };

/**
 * `askedOf` reads the form a phrasing asks (answering/forms.ts): passed in, so the
 * knowledge checks do not depend on the answering code.
 */
export function checkForms(entries: readonly Entry[], askedOf: (phrasing: string) => AnswerForm | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const entry of entries) {
    const at = (field: string) => ({ file: entry.origin.file, line: entry.origin.lineOf?.([field]) ?? entry.origin.line, field: `${entry.id}.${field}` });
    for (const form of entry.forms ?? []) {
      const shape = FORM_EVIDENCE[form];
      if (shape && !shape.test(entry.answer)) {
        problems.push({ code: 'form-not-shown', severity: 'error', ...at('forms'), message: `declares the form "${form}", but its answer gives no ${SHAPE[form]}` });
      }
    }
    if (entry.forms) continue;
    const asked = new Set([entry.question, ...entry.alternates].map(askedOf));
    for (const form of asked) {
      const shape = form && FORM_EVIDENCE[form];
      if (form && shape && !shape.test(entry.answer)) {
        problems.push({ code: 'form-not-shown', severity: 'warning', ...at('answer'), message: `its phrasings ask for the form "${form}", but its answer gives no ${SHAPE[form]}: say so in the answer, or list the forms it does answer in \`forms\`` });
      }
    }
  }
  return problems;
}

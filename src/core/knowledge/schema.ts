// The shape of the hand-edited knowledge files. Unknown fields are rejected so that a
// misspelt field name ("alternatives:") is reported instead of silently ignored.
import { z } from 'zod';
import { ANSWER_FORMS } from './answer-forms.js';
import { ANSWER_FEATURES, PASSAGE_FEATURES, TOPIC_FEATURES } from '../search/config.js';

const entryId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "who-is-musk"');

const phrasing = z.string().trim().min(2, 'is too short to be a question').max(300, 'is longer than 300 characters');

export const citationSchema = z.strictObject({
  source: z.string().min(1),
  paragraph: z.number().int('must be a whole paragraph number').positive('paragraphs are numbered from 1'),
  quote: z.string().trim().min(12, 'must be at least 12 characters, enough to check against the story'),
});

export const entrySchema = z
  .strictObject({
    id: entryId,
    question: phrasing,
    alternates: z.array(phrasing).default([]),
    answer: z.string().trim().max(1500, 'is longer than 1,500 characters: keep answers concise').default(''),
    citations: z.array(citationSchema).max(3, 'at most three citations').default([]),
    // A tag such as 2024 is read by YAML as a number; it is still a tag.
    tags: z.array(z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1))).default([]),
    related: z.array(entryId).default([]),
    // Drafts are staged answers: checked like the rest, never served.
    status: z.enum(['published', 'draft']).default('published'),
    // The forms of question the entry answers (see answer-forms.ts): read from its phrasings when left out.
    forms: z.array(z.enum(ANSWER_FORMS)).min(1, 'lists at least one form, or leave the field out').optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.status !== 'published') return;
    if (!entry.answer) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'a published entry needs an answer' });
    if (entry.citations.length === 0)
      ctx.addIssue({ code: 'custom', path: ['citations'], message: 'a published entry needs one to three citations' });
  });

export const entriesFileSchema = z.array(entrySchema);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const sourceMetaSchema = z.strictObject({
  id: entryId,
  text: z.string().min(1),
  published: isoDate,
  summary: z.string().optional(),
  headline: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().url().nullable(),
  author: z.string().nullable(),
});

/** The pronouns a follow-up may use for a person: "she" after a question about Jess Phillips is her. */
export const PRONOUNS = ['he', 'she', 'they'] as const;

export const aliasesFileSchema = z.array(
  z
    .strictObject({
      canonical: z.string().trim().min(1),
      terms: z.array(z.string().trim().min(1)).min(1),
      name: z.string().trim().min(1).optional(),
      person: z.boolean().optional(),
      pronouns: z.enum(PRONOUNS, { error: `must be one of ${PRONOUNS.join(', ')}` }).optional(),
    })
    .refine((g) => g.pronouns === undefined || g.person === true, { path: ['pronouns'], message: 'are for people only: add person: true, or remove them' }),
);

export const statementSchema = z
  .strictObject({
    id: entryId,
    source: z.string().min(1),
    paragraph: z.number().int('must be a whole paragraph number').positive('paragraphs are numbered from 1'),
    words: z.string().trim().min(2),
    quoted: z.boolean(),
    speaker: z.string().trim().min(1).nullable(),
    attribution: z.string().trim().min(1).max(200).optional(),
  })
  .refine((s) => s.speaker !== null || s.attribution, { path: ['attribution'], message: 'is needed when no speaker is named: say how the story attributes the words' });

export type EntryInput = z.output<typeof entrySchema>;
export type SourceMetaInput = z.output<typeof sourceMetaSchema>;

const weightsOf = <const N extends readonly string[]>(names: N) =>
  z.strictObject(Object.fromEntries(names.map((n) => [n, z.number().finite()])) as { [K in N[number]]: z.ZodNumber });
const probability = z.number().min(0).max(1);

/** knowledge/calibration/model.json, as `npm run calibrate` writes it. */
export const calibrationSchema = z.strictObject({
  answer: z.strictObject({ intercept: z.number().finite(), weights: weightsOf(ANSWER_FEATURES) }),
  answerThreshold: probability,
  passage: z.strictObject({ intercept: z.number().finite(), weights: weightsOf(PASSAGE_FEATURES) }),
  passageThreshold: probability,
  topic: z.strictObject({ intercept: z.number().finite(), weights: weightsOf(TOPIC_FEATURES) }),
  topicThreshold: probability,
});

import { z } from 'zod';
import type { Question } from '../catalog-types';
import { stackName } from './stacks';

/**
 * The catalog's inputs: the two files of a template (catalog/README.md) as the loader reads them, the API's bodies and
 * query, and the answers to a version's questions (built from its questions, so the launch form, the handler and the
 * tests check answers the same way). What a `service` answer names is checked on the server (it reads the host).
 */

/** A template id: lowercase letters, digits and "-" (the folder name under templates/). */
export const templateId = z
  .string()
  .min(1, 'Template id is required')
  .max(100, 'Template id is at most 100 characters')
  .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'Template id may use lowercase letters, digits and "-" (and one "/" after a catalog source id)');

/** A template version: dotted numbers with an optional "-<revision>", e.g. 6.6-1. */
export const templateVersion = z
  .string()
  .min(1)
  .max(50)
  .regex(/^\d+(\.\d+)*(-\d+)?$/, 'A version is dotted numbers with an optional "-<revision>", e.g. 6.6-1');

/** template.yml */
export const TemplateFileSchema = z
  .object({
    name: z.string({ error: 'name is required' }).min(1, 'name is required').max(100),
    description: z.string({ error: 'description is required' }).max(500),
    categories: z.array(z.string().min(1).max(50)).max(20).default([]),
    maintainer: z.string().max(200).optional(),
    license: z.string().max(100).optional(),
    project_url: z.url({ error: 'project_url must be an http(s) URL' }).optional(),
    administrator_only: z.boolean({ error: 'administrator_only must be true or false' }).default(false),
    default_version: templateVersion.optional(),
    logo: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png)$/, 'logo names a .svg or .png file in the template folder')
      .optional(),
  })
  .strict();
export type TemplateFile = z.output<typeof TemplateFileSchema>;

export const QUESTION_TYPES = ['string', 'multiline', 'password', 'int', 'float', 'boolean', 'enum', 'service'] as const;
const TEXT_TYPES = new Set(['string', 'multiline', 'password']);

const QuestionFileSchema = z
  .object({
    variable: z.string({ error: 'variable is required' }).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'variable uses letters, digits and "_", starting with a letter'),
    label: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    type: z.enum(QUESTION_TYPES, { error: `type must be one of ${QUESTION_TYPES.join(', ')}` }),
    required: z.boolean().default(false),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().max(1000).optional(),
    options: z
      .array(z.union([z.string(), z.number()]).transform(String))
      .min(1)
      .optional(),
    group: z.string().max(100).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.type === 'enum' && !q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enum question lists its options' });
    if (q.type !== 'enum' && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options are for enum questions only' });
    if (q.pattern !== undefined) {
      if (!TEXT_TYPES.has(q.type)) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'pattern is for string, multiline and password questions only' });
      try {
        new RegExp(q.pattern);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: `pattern is not a valid regular expression: ${(e as Error).message}` });
      }
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is larger than max' });
    if (q.default !== undefined) {
      const r = answerSchema(toQuestion(q)).safeParse(q.default);
      if (!r.success)
        ctx.addIssue({ code: 'custom', path: ['default'], message: `the default does not answer its own question: ${r.error.issues[0].message}` });
    }
  });

/** questions.yml */
export const QuestionsFileSchema = z
  .object({
    upgrade_from: z.string().max(200).optional(),
    questions: z.array(QuestionFileSchema).max(200).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.questions.forEach((q, i) => {
      if (seen.has(q.variable)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'variable'], message: `variable ${q.variable} is asked twice` });
      seen.add(q.variable);
    });
  });
export type QuestionsFile = z.output<typeof QuestionsFileSchema>;

/** A question as questions.yml has it → the shared Question shape (label defaults to the variable). */
export function toQuestion(q: z.output<typeof QuestionFileSchema>): Question {
  const out: Question = { ...q, label: q.label ?? q.variable, required: q.required ?? false };
  for (const k of Object.keys(out) as (keyof Question)[]) if (out[k] === undefined) delete out[k];
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The zod schema of one answer: numbers may come as text (a form field), booleans as "true"/"false". An empty text
 * answer counts as no answer (the default, or a generated password, is used instead).
 */
export function answerSchema(q: Question): z.ZodType<string | number | boolean> {
  const name = q.label || q.variable;
  switch (q.type) {
    case 'int':
    case 'float': {
      let n = z.number({ error: `${name} must be a number` }).refine(Number.isFinite, `${name} must be a number`);
      if (q.type === 'int') n = n.refine(Number.isInteger, `${name} must be a whole number`);
      if (q.min !== undefined) n = n.refine((v) => v >= q.min!, `${name} must be at least ${q.min}`);
      if (q.max !== undefined) n = n.refine((v) => v <= q.max!, `${name} must be at most ${q.max}`);
      return z
        .union([z.number(), z.string().trim().min(1, `${name} must be a number`)], { error: `${name} must be a number` })
        .transform(Number)
        .pipe(n);
    }
    case 'boolean':
      return z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: `${name} must be true or false` });
    case 'enum':
      return z
        .union([z.string(), z.number()])
        .transform(String)
        .pipe(z.enum((q.options ?? []) as [string, ...string[]], { error: `${name} must be one of: ${(q.options ?? []).join(', ')}` }));
    case 'service':
      return z.string().regex(/^[a-z0-9][a-z0-9_-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/, `${name} names a service of another stack as "stack/service"`);
    default: {
      let s = z.string({ error: `${name} must be text` });
      if (q.type !== 'multiline') s = s.refine((v) => !/[\r\n]/.test(v), `${name} must be one line`) as unknown as typeof s;
      if (q.min !== undefined) s = s.refine((v) => v.length >= q.min!, `${name} must be at least ${plural(q.min, 'character')}`) as unknown as typeof s;
      if (q.max !== undefined) s = s.refine((v) => v.length <= q.max!, `${name} must be at most ${plural(q.max, 'character')}`) as unknown as typeof s;
      if (q.pattern !== undefined) {
        const re = new RegExp(`^(?:${q.pattern})$`);
        s = s.refine((v) => re.test(v), `${name} must match ${q.pattern}`) as unknown as typeof s;
      }
      return z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(s);
    }
  }
}

/** An answer as sent: the form sends text, scripts may send numbers and booleans. */
export const answerValue = z.union([z.string().max(64 * 1024, 'An answer is at most 64 KiB'), z.number(), z.boolean()]);
export const AnswersSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'answer names are question variables'), answerValue).default({});
export type Answers = z.output<typeof AnswersSchema>;

/** GET /api/v1/catalog */
export const CatalogListQuerySchema = z
  .object({
    q: z.string().max(200).optional().describe('words to find in the name, description and categories'),
    category: z.string().max(50).optional().describe('only templates in this category'),
  })
  .strict();
export type CatalogListQuery = z.output<typeof CatalogListQuerySchema>;

/** POST /api/v1/catalog/{template}/render */
export const CatalogRenderSchema = z
  .object({
    version: templateVersion.optional().describe("the template's default version when left out"),
    answers: AnswersSchema,
    host: z.string().max(100).optional().describe('the host a service answer is looked up on (without it, service answers are not checked)'),
  })
  .strict();
export type CatalogRender = z.output<typeof CatalogRenderSchema>;

/** POST /api/v1/hosts/{id}/catalog/{template}/deploy */
export const CatalogDeploySchema = z
  .object({
    stack: stackName,
    version: templateVersion.optional().describe("the template's default version when left out"),
    answers: AnswersSchema,
    wait: z.boolean().default(false).describe('answer when the deploy has finished instead of at once with its operation'),
  })
  .strict();
export type CatalogDeploy = z.output<typeof CatalogDeploySchema>;

/** POST /api/v1/hosts/{id}/catalog/{template}/plan: the launch's plan step (a deploy's input without `wait`) */
export const CatalogPlanSchema = CatalogDeploySchema.omit({ wait: true });
export type CatalogPlan = z.output<typeof CatalogPlanSchema>;

import type { StackTemplateRef } from '@/lib/catalog-types';
import type { Db } from '../db';
import { deployedTemplate } from './upgrade-history';

/**
 * The template a stack was launched from (table stack_templates). `answers` never holds a password answer: those live
 * in the stack's sealed .env (see answers.ts), so nothing here is secret and it may be shown to anyone who can read
 * the stack.
 */
export interface StackTemplateRecord extends StackTemplateRef {
  /** the password questions' variables, whose answers are in the stack's .env */
  secretVariables: string[];
}

const now = () => new Date().toISOString();

export async function saveStackTemplate(db: Db, stackId: string, ref: StackTemplateRecord): Promise<void> {
  const t = now();
  const row = {
    template_id: ref.templateId,
    version: ref.version,
    answers: JSON.stringify(ref.answers),
    secret_variables: JSON.stringify(ref.secretVariables),
    updated_at: t,
  };
  const found = await db.selectFrom('stack_templates').select('stack_id').where('stack_id', '=', stackId).executeTakeFirst();
  if (found) await db.updateTable('stack_templates').set(row).where('stack_id', '=', stackId).execute();
  else
    await db
      .insertInto('stack_templates')
      .values({ stack_id: stackId, created_at: t, ...row })
      .execute();
}

export async function getStackTemplate(db: Db, stackId: string): Promise<StackTemplateRecord | null> {
  const r = await db.selectFrom('stack_templates').selectAll().where('stack_id', '=', stackId).executeTakeFirst();
  if (!r) return null;
  const latest = { templateId: r.template_id, version: r.version, answers: JSON.parse(r.answers), secretVariables: JSON.parse(r.secret_variables) };
  // after upgrades, the version whose file is deployed now (a rollback may restore an older one): upgrade-history.ts
  return r.history ? deployedTemplate(db, stackId, JSON.parse(r.history), latest) : latest;
}

export async function deleteStackTemplate(db: Db, stackId: string): Promise<void> {
  await db.deleteFrom('stack_templates').where('stack_id', '=', stackId).execute();
}

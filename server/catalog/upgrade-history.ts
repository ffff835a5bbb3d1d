import type { Db } from '../db';
import type { StackTemplateRecord } from './repo';
import { composeDigest } from './upgrade-paths';

/**
 * Which template version a stack runs, through upgrades and rollbacks. Each catalog upgrade remembers the files it
 * went from and to by their digest (stack_templates.history); the stack's versions are walked newest first and the
 * first one whose file is remembered names the template version. So a rollback to a file of an older template version
 * shows that version again with no change to the stack service, and a hand edit deployed since still counts as the
 * template version it was edited from. getStackTemplate (repo.ts) answers with this, so the stack page and the
 * catalog card agree.
 */

export interface CatalogDeployEntry extends StackTemplateRecord {
  /** sha256 of the compose file this deploy stored */
  digest: string;
  at: string;
}

/** Kept entries: the stack keeps its last 50 versions, so older entries could never match again. */
const KEEP = 100;

export async function deployedTemplate(db: Db, stackId: string, history: CatalogDeployEntry[], latest: StackTemplateRecord): Promise<StackTemplateRecord> {
  if (!history.length) return latest;
  const versions = await db.selectFrom('stack_versions').select('compose').where('stack_id', '=', stackId).orderBy('version', 'desc').limit(50).execute();
  for (const v of versions) {
    const digest = composeDigest(v.compose);
    const found = history.findLast((h) => h.digest === digest);
    if (found) return { templateId: found.templateId, version: found.version, answers: found.answers, secretVariables: found.secretVariables };
  }
  return latest;
}

/**
 * Remembers an upgrade's two files (the one upgraded from too, if none recorded it yet: the launch's file, or a
 * hand-edited one). With `moveLatest` (a deploy that succeeded) the stack's template record becomes the new version;
 * without (a two-phase upgrade, which Finish makes a version or Rollback undoes) only the files are remembered, and the
 * version the stack runs follows from its history as always.
 */
export async function recordUpgrade(
  db: Db,
  stackId: string,
  from: { compose: string; ref: StackTemplateRecord },
  to: { compose: string; ref: StackTemplateRecord },
  moveLatest = true,
): Promise<void> {
  const row = await db.selectFrom('stack_templates').select('history').where('stack_id', '=', stackId).executeTakeFirst();
  const history: CatalogDeployEntry[] = row?.history ? JSON.parse(row.history) : [];
  const at = new Date().toISOString();
  const fromDigest = composeDigest(from.compose);
  if (!history.some((h) => h.digest === fromDigest)) history.push({ ...from.ref, digest: fromDigest, at });
  history.push({ ...to.ref, digest: composeDigest(to.compose), at });
  const latest = {
    template_id: to.ref.templateId,
    version: to.ref.version,
    answers: JSON.stringify(to.ref.answers),
    secret_variables: JSON.stringify(to.ref.secretVariables),
  };
  await db
    .updateTable('stack_templates')
    .set({ ...(moveLatest ? latest : {}), history: JSON.stringify(history.slice(-KEEP)), updated_at: at })
    .where('stack_id', '=', stackId)
    .execute();
}

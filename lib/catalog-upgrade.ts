import type { Question } from './catalog-types';
import type { OperationView, StackPlan } from './compose-types';

/** A stack launched from the catalog as its page's "Catalog app" card shows it (GET …/stacks/{name}/catalog). */
export interface StackCatalogView {
  templateId: string;
  /** the template's name; the id when the catalog no longer has the template */
  templateName: string;
  /** the template version the stack runs (after a rollback: the one that made the restored file) */
  version: string;
  /** the answers it was deployed with, password answers left out */
  answers: Record<string, string | number | boolean>;
  administratorOnly: boolean;
  /** newer versions it may upgrade to, newest first */
  upgrades: string[];
  /** newer versions whose upgrade_from refuses the deployed one, with why */
  refused: { version: string; reason: string }[];
  /** the version asked about (?version=, else the newest upgrade): only the questions the deployed version did not ask */
  target: { version: string; questions: Question[]; readme?: string } | null;
  /** why no upgrade can be offered at all (e.g. the catalog no longer has the template) */
  problem?: string;
}

/**
 * POST …/stacks/{name}/catalog/upgrade: the plan (plan: true, nothing changed) or the operation. `rolling` names the
 * service of a two-phase rolling upgrade (only its image changes and it has a health check): its old containers wait,
 * stopped, for Finish or Rollback (the stack's Upgrade card); null for an ordinary deploy.
 */
export type CatalogUpgradeAnswer =
  { version: string; compose: string; rolling: string | null; plan: StackPlan } | { version: string; rolling: string | null; operation: OperationView };

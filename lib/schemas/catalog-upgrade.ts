import { z } from 'zod';
import { AnswersSchema, templateVersion } from './catalog';

/**
 * Upgrading a catalog app in place (issue #12): the upgrade form on the stack page, the handler and the tests check
 * the same shapes. The answers are the new version's new questions (and any old one to change); the old answers are
 * kept by the server.
 */

/** GET /api/v1/hosts/{id}/stacks/{name}/catalog */
export const StackCatalogQuerySchema = z
  .object({
    version: templateVersion.optional().describe('the version to upgrade to whose new questions are shown (default: the newest the stack may upgrade to)'),
  })
  .strict();
export type StackCatalogQuery = z.output<typeof StackCatalogQuerySchema>;

/** POST /api/v1/hosts/{id}/stacks/{name}/catalog/upgrade */
export const CatalogUpgradeSchema = z
  .object({
    version: templateVersion.describe('the template version to upgrade to: newer than the deployed one, and allowed by its upgrade_from'),
    answers: AnswersSchema.describe("the new version's new questions, and any old answer to change (passwords set before are kept)"),
    plan: z.boolean().default(false).describe('only answer with the stack plan of the upgraded file; nothing changes'),
    wait: z.boolean().default(false).describe('answer when the deploy has finished instead of at once with its operation'),
  })
  .strict();
export type CatalogUpgrade = z.output<typeof CatalogUpgradeSchema>;

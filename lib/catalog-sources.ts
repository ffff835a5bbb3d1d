import type { CatalogProblem } from './catalog-types';

/** A catalog source as the API and the Settings page show it (server/catalog/sources). */
export interface CatalogSourceView {
  /** "<id>/<template>" are its templates' ids */
  id: string;
  name: string;
  kind: 'git' | 'url' | 'file';
  /** git and url: the address; file: null */
  url: string | null;
  /** git: the folder above templates/ ("" for the repository's top) */
  path: string | null;
  /** url and file: the format named when added; null: recognised from the text */
  format: string | null;
  fileName: string | null;
  /** git: the commit read last */
  revision: string | null;
  /** when its content was last read successfully */
  lastRefreshAt: string | null;
  lastAttemptAt: string | null;
  /** the last refresh's failure, with its cause (the last good templates are kept); null when it worked */
  lastError: string | null;
  templateCount: number;
  /** templates left out or partly loaded, by file and field */
  problems: CatalogProblem[];
  /** fields of an imported format Berth could not carry over */
  unsupported: string[];
  createdAt: string;
}

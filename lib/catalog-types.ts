/**
 * The catalog's shapes, shared by the loader (server/catalog), the importers of other tools' formats, the API and the
 * pages. The files these come from are described in catalog/README.md.
 */

export type QuestionType = 'string' | 'multiline' | 'password' | 'int' | 'float' | 'boolean' | 'enum' | 'service';

export interface Question {
  /** the placeholder name: letters, digits and "_", starting with a letter */
  variable: string;
  label: string;
  description?: string;
  type: QuestionType;
  required: boolean;
  /** a password question without a default gets a generated one */
  default?: string | number | boolean;
  /** int/float: smallest value; text types: shortest length */
  min?: number;
  /** int/float: largest value; text types: longest length */
  max?: number;
  /** text types: the whole answer must match */
  pattern?: string;
  /** enum: the choices */
  options?: string[];
  /** the form's section */
  group?: string;
}

export interface TemplateVersion {
  version: string;
  /** the compose file with {{placeholders}}, as written */
  compose: string;
  questions: Question[];
  /** versions a deployed app may upgrade from to this one, e.g. ">=6.5-1"; absent: any older one */
  upgradeFrom?: string;
  readme?: string;
}

/** Where a template came from: Berth's own catalog, or a source an admin added (in Berth's or an imported format). */
export interface TemplateOrigin {
  /** 'berth' for the built-in catalog, else the id of the catalog source */
  catalog: string;
  format: 'berth' | 'portainer' | 'caprover' | 'coolify';
}

export interface CatalogTemplate {
  /** unique in Berth: "<catalog>/<template>" for added sources, the bare template id for the built-in catalog */
  id: string;
  name: string;
  description: string;
  categories: string[];
  maintainer?: string;
  license?: string;
  projectUrl?: string;
  administratorOnly: boolean;
  defaultVersion: string;
  /** a data: URL or an http(s) URL, small enough to list */
  logo?: string;
  readme?: string;
  origin: TemplateOrigin;
  versions: TemplateVersion[];
  /** fields of an imported template Berth could not carry over, by name, so the user knows what was left out */
  unsupported?: string[];
}

/** A template as the catalog list shows it (no compose files). */
export type TemplateSummary = Omit<CatalogTemplate, 'versions' | 'readme'> & { versions: string[] };

/** The Catalog page's first screen, rendered with its HTML (server/catalog/service.ts catalogFirstScreen). */
export interface CatalogFirstScreen {
  templates: TemplateSummary[];
  total: number;
  categories: string[];
}

/** What a stack launched from the catalog remembers (password answers are kept sealed and never returned). */
export interface StackTemplateRef {
  templateId: string;
  version: string;
  /** answers, with password answers left out */
  answers: Record<string, string | number | boolean>;
}

/** A template (or one version of it) the catalog could not load, by file and field, for the admins' list of problems. */
export interface CatalogProblem {
  /** the template's id (its folder name) */
  template: string;
  /** the file, relative to the catalog folder: "wordpress/versions/6.6-1/questions.yml" */
  file: string;
  /** the field in that file, when one is at fault: "questions[2].type" */
  field?: string;
  message: string;
}

/** The catalog as loaded: the good templates, and what was wrong with the others (an admin sees the problems). */
export interface CatalogListing {
  templates: TemplateSummary[];
  categories: string[];
  /** only for admins: other users get an empty list */
  problems: CatalogProblem[];
}

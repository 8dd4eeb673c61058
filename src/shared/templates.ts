import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { GitcanaryError } from '../errors.js';

// The one template renderer: gate commands and queries, commit messages and every other text
// gitcanary writes are handlebars, rendered here with HTML escaping off (none of it is HTML).
// Files live in the package's `templates/` folder, found upward from this module, so the same code
// works from src/, dist/ and a bundle.

const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();
let root: string | undefined;

/** The package's `templates/` folder. */
export function templatesRoot(): string {
  if (root !== undefined) return root;
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, 'commit-message.hbs'))) {
      root = candidate;
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new GitcanaryError('INTERNAL', 'templates/ not found next to gitcanary');
    dir = parent;
  }
}

/** The text of `templates/<name>.hbs`, or undefined when there is no such file. */
export function templateSource(name: string): string | undefined {
  const file = path.join(templatesRoot(), `${name}.hbs`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Renders handlebars `source` with `values`. `strict`: an unknown variable is an error (gate
 * templates, where a typo must not become an empty string in a query or a shell command).
 */
export function renderSource(source: string, values: object, options: { strict: boolean }): string {
  const key = `${options.strict ? 's' : 'l'}:${source}`;
  let template = compiled.get(key);
  if (template === undefined) {
    template = handlebars.compile(source, { noEscape: true, strict: options.strict });
    compiled.set(key, template);
  }
  return template(values);
}

/** Renders `templates/<name>.hbs` (lenient: a missing value renders empty). */
export function renderFile(name: string, values: object): string {
  const source = templateSource(name);
  if (source === undefined)
    throw new GitcanaryError('INTERNAL', `template ${name}.hbs not found in ${templatesRoot()}`);
  return renderSource(source, values, { strict: false });
}

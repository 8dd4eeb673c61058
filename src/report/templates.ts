import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

// Templates live in templates/ at the package root: two levels up from both src/report and dist/report.
const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Render `templates/<name>.hbs` with `context` (no HTML escaping: these are commit messages and text). */
export function renderTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(new URL(`${name}.hbs`, TEMPLATES_DIR), 'utf8');
    template = Handlebars.compile(source, { noEscape: true, strict: false });
    compiled.set(name, template);
  }
  return template(context);
}

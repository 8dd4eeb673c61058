import { renderFile } from '../shared/templates.js';

/** Render `templates/<name>.hbs` with `context` (no HTML escaping: these are commit messages and text). */
export function renderTemplate(name: string, context: object): Promise<string> {
  return renderFile(name, context);
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Runtime from 'handlebars/runtime';
import { GitcanaryError } from '../errors.js';
import { bundledCompiler, precompiledTemplates } from './precompiled-templates.js';

// The one template renderer: gate commands and queries, commit messages and every other text
// gitcanary writes are handlebars, rendered here with HTML escaping off (none of it is HTML).
// Files live in the package's `templates/` folder, found upward from this module, so the same code
// works from src/, dist/ and a bundle. They are read at run time (a user or a packager may edit
// them), but the bundles carry the package's own templates precompiled: a file whose text is the one
// built renders with handlebars' runtime alone, and its compiler (130 KB, and its first compile
// interpreted, about 10 ms of a step) loads only for an edited file or a template from the config.

type Handlebars = typeof import('handlebars');

/** The options every template compiles with; `strict`: an unknown variable is an error. */
export function compileOptions(strict: boolean): CompileOptions {
  return { noEscape: true, strict };
}

/** Which precompiled spec is `source`'s: its text and the options it compiles with. */
export function templateKey(source: string, strict: boolean): string {
  return createHash('sha256')
    .update(`${strict ? 'strict' : 'lenient'}\n${source}`)
    .digest('hex');
}

// `handlebars/runtime` is the package's CommonJS runtime build; its types only re-export handlebars'.
const runtime = (Runtime as unknown as Handlebars).create();
let compiler = bundledCompiler?.create();
const templates = new Map<string, HandlebarsTemplateDelegate>();
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
 * Loads handlebars' compiler, which `renderSource` needs for a template that is not one of the
 * package's own as built: a config's gate templates (before its gates are built) or an edited file.
 */
export async function loadTemplateCompiler(): Promise<void> {
  compiler ??= (await import('handlebars')).default.create();
}

/**
 * Renders handlebars `source` with `values`. `strict`: an unknown variable is an error (gate
 * templates, where a typo must not become an empty string in a query or a shell command). A
 * template that is neither precompiled nor plain text needs `loadTemplateCompiler()` first.
 */
export function renderSource(source: string, values: object, options: { strict: boolean }): string {
  const cached = `${options.strict ? 's' : 'l'}:${source}`;
  let template = templates.get(cached);
  if (template === undefined) {
    template = templateOf(source, options.strict);
    templates.set(cached, template);
  }
  return template(values);
}

/** Renders `templates/<name>.hbs` (lenient: a missing value renders empty). */
export async function renderFile(name: string, values: object): Promise<string> {
  const source = templateSource(name);
  if (source === undefined)
    throw new GitcanaryError('INTERNAL', `template ${name}.hbs not found in ${templatesRoot()}`);
  // A file edited since the build is not the one precompiled: it compiles.
  if (compiler === undefined && !(templateKey(source, false) in precompiledTemplates))
    await loadTemplateCompiler();
  return renderSource(source, values, { strict: false });
}

function templateOf(source: string, strict: boolean): HandlebarsTemplateDelegate {
  const spec = precompiledTemplates[templateKey(source, strict)];
  if (spec !== undefined) return runtime.template(spec as TemplateSpecification);
  // Text without a mustache renders as itself (handlebars' lexer refuses only a NUL in it): a
  // gate's plain command or URL needs no compiler.
  if (!source.includes('{{') && !source.includes('\0')) return () => source;
  if (compiler === undefined) throw new TemplateCompilerNeeded();
  return compiler.compile(source, compileOptions(strict));
}

/**
 * Thrown by `renderSource` for a template that needs handlebars' compiler before it is loaded: a
 * synchronous caller's async caller (the config loader) loads it and tries again.
 */
export class TemplateCompilerNeeded extends Error {
  constructor() {
    super("a template needs handlebars' compiler, which is not loaded (loadTemplateCompiler)");
  }
}

/**
 * Runs `render`, which renders with `renderSource`; when a template needed handlebars' compiler
 * before it was loaded (an edited templates/ file), loads it and runs `render` again.
 */
export async function withTemplateCompiler<T>(render: () => T): Promise<T> {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof TemplateCompilerNeeded)) throw error;
    await loadTemplateCompiler();
    return render();
  }
}

import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isMap, isPair, isScalar, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { fieldPath, GitcanaryError } from '../errors.js';
import { createGate, type GateConfig } from '../gates/index.js';
import { loadTemplateCompiler } from '../shared/templates.js';
import type { Target } from '../targets/types.js';
import { planRelease } from './plan.js';
import { defaultReleaseSchema, type ReleaseConfig, releaseSchema } from './schema.js';

// Reads `gitcanary.yaml`, validates it against the release schema and turns every schema issue into
// a GitcanaryError that points at file:line:column of the offending YAML node.

// A gitcanary process validates one config (and its gates' and targets' blocks) once: zod's JIT,
// which compiles a function per object schema on its first parse (`new Function`), costs more
// there than it saves; its interpreted path gives the same results (docs/performance.md).
z.config({ jitless: true });

export interface LoadOptions {
  /** Targets whose config blocks the file may use; default: the registry. */
  targets?: readonly Target[];
}

export interface LoadedConfig {
  config: ReleaseConfig;
  /** The config file as given. */
  file: string;
  /** Folder relative paths in the config resolve against. */
  dir: string;
}

/** One validation problem, placed in the file. */
export interface ConfigIssue {
  message: string;
  field: string;
  line: number | undefined;
  column: number | undefined;
}

/** Largest config file read; a release config is a few KB, anything this big is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Read, parse and validate a release config file. */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const text = await readConfigFile(file);
  return await parseConfig(text, file, options);
}

/**
 * The config file's text. A folder, a dangling symlink, a symlink loop, something that is not a
 * regular file (a FIFO would block the read) or an oversized file is the user's input to fix.
 */
async function readConfigFile(file: string): Promise<string> {
  const refuse = (message: string, hint: string, cause?: unknown) =>
    new GitcanaryError('CONFIG_INVALID', message, { file, hint, cause });
  const link = await lstat(file).catch(() => undefined);
  const target = await stat(file).catch((error: NodeJS.ErrnoException) => error);
  if (target instanceof Error) {
    if (link?.isSymbolicLink() && target.code === 'ENOENT') {
      const to = await readlink(file).catch(() => '?');
      throw refuse(
        `the config file is a symlink to ${to}, which does not exist`,
        'point it at the config file',
        target,
      );
    }
    if (target.code === 'ELOOP')
      throw refuse('the config file is a symlink loop', 'point it at the config file', target);
    if (target.code === 'ENOENT' || target.code === 'ENOTDIR') {
      throw new GitcanaryError('CONFIG_NOT_FOUND', 'config file not found', {
        file,
        hint: 'create gitcanary.yaml (see fixtures/config/) or pass its path',
        cause: target,
      });
    }
    throw refuse(
      `cannot read the config file (${target.code ?? target.message})`,
      'check its permissions',
      target,
    );
  }
  if (target.isDirectory()) {
    throw refuse(
      '--config names a folder, not a file',
      `pass the file, e.g. ${path.join(file, 'gitcanary.yaml')}`,
    );
  }
  if (!target.isFile()) throw refuse('the config is not a regular file', 'pass the config file itself');
  if (target.size > MAX_CONFIG_BYTES) {
    throw refuse(
      `the config file is ${target.size} bytes; a release config is at most ${MAX_CONFIG_BYTES}`,
      'pass the release config, not another file',
    );
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw refuse(
      `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'check its permissions',
      error,
    );
  }
}

/**
 * Parse and validate config text; `file` names it in errors and anchors relative paths. Async: the
 * gates it checks import their kind's implementation (src/gates/index.ts).
 */
export async function parseConfig(
  text: string,
  file: string,
  options: LoadOptions = {},
): Promise<LoadedConfig> {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const documents = Array.isArray(docs) ? docs : [];
  const doc = documents[0];
  if (doc === undefined || doc.contents === null) {
    throw new GitcanaryError('CONFIG_INVALID', 'the config file holds no document', { file });
  }
  const syntaxError = documents.flatMap((document) => document.errors)[0];
  if (syntaxError !== undefined) {
    const at = lineCounter.linePos(syntaxError.pos[0]);
    throw new GitcanaryError('YAML_INVALID', syntaxError.message.split('\n')[0] ?? 'invalid YAML', {
      file,
      line: at.line,
      column: at.col,
    });
  }
  if (documents.length > 1) {
    const at = lineCounter.linePos(documents[1]?.range[0] ?? 0);
    throw new GitcanaryError('CONFIG_INVALID', 'expected one YAML document, found several', {
      file,
      line: at.line,
      column: at.col,
    });
  }
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new GitcanaryError('YAML_ALIAS_LIMIT', 'too many alias expansions in the config', {
      file,
      cause: error,
    });
  }
  // A config with a template (a gate's command or query, a notification's commitUrl, YAML escapes
  // read as what they spell) loads handlebars' compiler: gates and notifications render them
  // synchronously, some only when they run. A config without one costs a step none of it.
  if (JSON.stringify(input).includes('{{')) await loadTemplateCompiler();
  const schema = options.targets === undefined ? defaultReleaseSchema() : releaseSchema(options.targets);
  const result = schema.safeParse(input);
  if (!result.success) throw configError(file, doc, lineCounter, result.error.issues);
  const dir = path.dirname(path.resolve(file));
  const config = result.data;
  const gateIssue = await gateBuildIssue(config);
  if (gateIssue !== undefined) {
    const { error, at } = gateIssue;
    const placed = placeIssue(
      { code: 'custom', path: at, message: error.message, input: undefined } as z.core.$ZodIssue,
      doc,
      lineCounter,
    );
    throw new GitcanaryError(error.code, error.message, {
      file,
      line: placed.line,
      column: placed.column,
      field: fieldPath(at),
      hint: error.hint,
      cause: error,
    });
  }
  const repo = isRemoteRepo(config.spec.git.repo)
    ? config.spec.git.repo
    : path.resolve(dir, config.spec.git.repo);
  return { config: { ...config, spec: { ...config.spec, git: { ...config.spec.git, repo } } }, file, dir };
}

/** URLs (`https://`, `ssh://`, `file://`) and scp-like `git@host:owner/repo` are not local paths. */
function isRemoteRepo(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[\w.-]+@[\w.-]+:/.test(repo);
}

type IssuePath = (string | number)[];

/**
 * Builds every gate the release can run (and the sync gate) the way `run` will, so a template
 * naming an unknown variable, an unclosed `{{`, an approval gate without PR mode or a missing
 * kubeconfig is refused when the config loads (every command, `validate` first), with its place
 * in the file, instead of failing the analysis after commits were made.
 */
async function gateBuildIssue(
  config: ReleaseConfig,
): Promise<{ error: GitcanaryError; at: IssuePath } | undefined> {
  const { spec } = config;
  const analysis = spec.analysis;
  const gates = planRelease(config).gates;
  const attempts: { at: IssuePath; build: () => Promise<unknown> }[] = Object.entries(gates).map(
    ([name, gate]) => {
      const metric = analysis?.metrics?.findIndex((m) => m.name === name) ?? -1;
      const webhook = analysis?.webhooks?.findIndex((w) => w.name === name) ?? -1;
      // A gate from Flagger's analysis block is placed at its metric or webhook; its fields differ.
      const at: IssuePath =
        name in spec.gates
          ? ['spec', 'gates', name]
          : metric >= 0
            ? ['spec', 'analysis', 'metrics', metric]
            : ['spec', 'analysis', 'webhooks', Math.max(webhook, 0)];
      return { at, build: () => createGate(name, gate) };
    },
  );
  if (spec.sync?.argocd !== undefined || spec.sync?.flux !== undefined) {
    const { delay: _delay, ...sync } = spec.sync;
    attempts.push({ at: ['spec'], build: () => createGate('sync', { sync } as GateConfig) });
  }
  for (const { at, build } of attempts) {
    try {
      await build();
    } catch (error) {
      if (!(error instanceof GitcanaryError)) throw error;
      const inner = error.place.field?.replace(/^spec\.gates\.[^.]+\./, '') ?? '';
      const fromGate = at[1] === 'gates' || (at[0] === 'spec' && at.length === 1);
      const field = fromGate && inner !== '' ? inner.split('.') : [];
      return { error, at: [...at, ...field] };
    }
  }
  return undefined;
}

function configError(
  file: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
  zodIssues: readonly z.core.$ZodIssue[],
): GitcanaryError {
  const issues = dedupe(zodIssues.flatMap(bestIssues)).map((issue) => placeIssue(issue, doc, lineCounter));
  const [first, ...rest] = issues;
  const more = rest.map(
    (issue) => `\n  ${file}:${issue.line ?? '?'}:${issue.column ?? '?'}: ${issue.field}: ${issue.message}`,
  );
  return new GitcanaryError(
    'CONFIG_INVALID',
    `${first?.message ?? 'invalid config'}${more.length > 0 ? `\n  and ${more.length} more:${more.join('')}` : ''}`,
    {
      file,
      line: first?.line,
      column: first?.column,
      field: first?.field,
      hint: 'the JSON Schema schema/gitcanary.schema.json lists every field',
      cause: issues,
    },
  );
}

/** For a union (gates), the branch that got furthest explains the mistake best: keep all its issues. */
function bestIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((inner) => inner.path.length));
  const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0] ?? [];
  // A misspelt key explains the missing field that follows from it, so it goes first.
  const ordered = [...best].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  return ordered.flatMap((inner) => bestIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}

/** A "set exactly one" after an unknown key at the same place says nothing new. */
function dedupe(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const unknownAt = new Set(
    issues.filter((issue) => issue.code === 'unrecognized_keys').map((issue) => key(issue.path)),
  );
  return issues.filter((issue) => issue.code !== 'custom' || !unknownAt.has(key(issue.path)));
}

const key = (issuePath: readonly PropertyKey[]) => JSON.stringify(issuePath.map(String));

function placeIssue(issue: z.core.$ZodIssue, doc: Document.Parsed, lineCounter: LineCounter): ConfigIssue {
  const issuePath = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const fullPath = unknownKey === undefined ? issuePath : [...issuePath, unknownKey];
  const { node, found, isKey } = deepestNode(doc, fullPath, unknownKey !== undefined);
  let message = issue.message;
  // Show the offending value unless the message already names it.
  if (found && !isKey && isScalar(node) && !message.includes(`\`${String(node.value)}\``)) {
    message += `; got ${JSON.stringify(node.toJSON())}`;
  }
  if (!found && issue.code === 'invalid_type' && issue.input === undefined) {
    message = `\`${String(issuePath.at(-1))}\` is required`;
  }
  const offset = node?.range?.[0];
  const at = offset === undefined ? undefined : lineCounter.linePos(offset);
  return { message, field: fieldPath(fullPath) || '(root)', line: at?.line, column: at?.col };
}

/**
 * The node the path names, or its deepest existing ancestor. Unknown keys point at the key itself;
 * a collection points at the key that holds it; a sequence item at its first key.
 */
function deepestNode(
  doc: Document.Parsed,
  issuePath: IssuePath,
  preferKey: boolean,
): { node: Node | null | undefined; found: boolean; isKey: boolean } {
  let current: unknown = doc.contents;
  let keyNode: Node | null | undefined;
  for (let depth = 0; depth < issuePath.length; depth++) {
    const part = issuePath[depth];
    const pair = isMap(current)
      ? current.items.find((item) => isScalar(item.key) && item.key.value === part)
      : undefined;
    const next = isMap(current)
      ? pair?.value
      : (current as { get?: (k: unknown, keep: boolean) => unknown })?.get?.(part, true);
    const isLast = depth === issuePath.length - 1;
    if (isPair(pair) && isLast && (preferKey || next === null || next === undefined || !isScalar(next))) {
      return { node: pair.key as Node, found: true, isKey: true };
    }
    if (next === undefined || next === null) {
      return { node: keyNode ?? (current as Node), found: false, isKey: keyNode !== undefined };
    }
    keyNode = isPair(pair) ? (pair.key as Node) : (next as Node);
    current = next;
  }
  return { node: current as Node, found: true, isKey: false };
}

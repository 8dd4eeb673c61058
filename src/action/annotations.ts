import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { GitcanaryError } from '../errors.js';

// Errors become annotations on the file and line they are about. Config errors carry file:line from
// the loader; errors found later (engine, gates) carry the config field only, so the field is
// looked up in the config's YAML to find its line.

export interface Annotation {
  title: string;
  message: string;
  /** Workspace-relative path, as the runner expects. */
  file?: string;
  startLine?: number;
  startColumn?: number;
}

export interface AnnotationContext {
  /** The workspace (GITHUB_WORKSPACE): annotation paths are relative to it. */
  workspace: string;
  /** Absolute path of the release config. */
  configFile: string;
  /** Its text, to place a field on a line. */
  configText?: string | undefined;
  /** Absolute path of the GitOps repository when it is a folder (manifest errors name files in it). */
  repoDir?: string | undefined;
}

export function annotationFor(error: unknown, context: AnnotationContext): Annotation {
  if (!(error instanceof GitcanaryError)) {
    return {
      title: 'gitcanary: internal error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const message = `${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`;
  const { place } = error;
  const title = `gitcanary: ${error.code}${place.resource ? ` ${place.resource}` : ''}${place.field ? ` ${place.field}` : ''}`;
  const file = placedFile(place.file, context);
  if (file === undefined) return { title, message };
  let line = place.line;
  let column = place.column;
  if (line === undefined && file.isConfig && place.field !== undefined && context.configText !== undefined) {
    const at = locateField(context.configText, place.field);
    line = at?.line;
    column = at?.column;
  }
  return {
    title,
    message,
    file: file.relative,
    ...(line === undefined ? {} : { startLine: line }),
    ...(column === undefined ? {} : { startColumn: column }),
  };
}

/** The error's file relative to the workspace; a config field without a file is in the config. */
function placedFile(
  file: string | undefined,
  context: AnnotationContext,
): { relative: string; isConfig: boolean } | undefined {
  const inWorkspace = (absolute: string) => {
    const relative = path.relative(context.workspace, absolute);
    return relative.startsWith('..') || path.isAbsolute(relative)
      ? undefined
      : relative.split(path.sep).join('/');
  };
  const config = path.resolve(context.configFile);
  if (file === undefined || path.resolve(file) === config) {
    const relative = inWorkspace(config);
    return relative === undefined ? undefined : { relative, isConfig: true };
  }
  // Manifest errors name repository-relative files: only a GitOps repository in the workspace has them.
  if (!path.isAbsolute(file) && context.repoDir !== undefined) {
    const relative = inWorkspace(path.join(context.repoDir, file));
    return relative === undefined ? undefined : { relative, isConfig: false };
  }
  const relative = path.isAbsolute(file) ? inWorkspace(file) : undefined;
  return relative === undefined ? undefined : { relative, isConfig: false };
}

/** `spec.steps[2].pause.duration` → the 1-based line and column of that node (or its deepest parent). */
export function locateField(text: string, field: string): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let current: unknown = doc.contents;
  let found: Node | undefined;
  for (const part of parseField(field)) {
    if (isMap(current)) {
      const pair = current.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === part,
      );
      if (pair === undefined) break;
      // A key points at its line better than a block value that starts on the next one.
      found = (isScalar(pair.value) ? pair.value : pair.key) as Node;
      current = pair.value;
    } else if (isSeq(current) && typeof part === 'number') {
      const item = current.items[part];
      if (item === undefined) break;
      found = item as Node;
      current = item;
    } else break;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const at = lineCounter.linePos(offset);
  return { line: at.line, column: at.col };
}

/** The inverse of errors.ts `fieldPath`: `a.b[2].c` → ['a', 'b', 2, 'c']. */
function parseField(field: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

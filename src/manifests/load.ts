import type { Stats } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import { ManifestTree } from './tree.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml']);

/**
 * Resolve a user-given path inside `root`. Absolute paths, `..` escapes and symlinks that point
 * outside the repository are refused: gitcanary only ever writes inside the GitOps repository.
 */
export async function resolveInside(root: string, userPath: string): Promise<string> {
  const rootReal = await realpath(root);
  if (path.isAbsolute(userPath)) {
    const rel = path.relative(rootReal, userPath);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw outside(userPath);
    userPath = rel;
  }
  const normal = path.normalize(userPath);
  if (normal === '..' || normal.startsWith(`..${path.sep}`)) throw outside(userPath);
  const absolute = path.join(rootReal, normal);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    // Not existing yet (a file gitcanary will create): its parent must resolve inside.
    const parent = await realpath(path.dirname(absolute)).catch(() => path.dirname(absolute));
    real = path.join(parent, path.basename(absolute));
  }
  const rel = path.relative(rootReal, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw outside(userPath, 'it resolves through a symlink');
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

function outside(userPath: string, why = 'it is outside the repository'): GitcanaryError {
  return new GitcanaryError('PATH_OUTSIDE_REPO', `refusing path: ${why}`, {
    file: userPath,
    hint: 'give a path relative to the repository root, without `..`',
  });
}

/** Read the manifest files at `paths` (files or folders, searched recursively) below `root`. */
export async function loadTree(
  root: string,
  paths: readonly string[],
  options: { optional?: readonly string[] } = {},
): Promise<ManifestTree> {
  const files = new Map<string, string>();
  const optional = new Set(options.optional ?? []);
  for (const userPath of [...paths, ...optional]) {
    const rel = await resolveInside(root, userPath);
    const absolute = path.join(root, rel);
    const owned = optional.has(userPath) && !paths.includes(userPath);
    // The path as given, not what it resolves to: a link is judged as a link.
    const link = await lstat(path.join(root, path.normalize(userPath))).catch(() => undefined);
    // Files a target owns (and creates on demand) may be absent; everything else must exist.
    if (!link && owned) continue;
    if (!link) throw new GitcanaryError('FILE_NOT_FOUND', 'no such file or folder', { file: userPath });
    if (owned && !link.isFile()) {
      // gitcanary rewrites and deletes its own files: never through a link, never a folder.
      throw new GitcanaryError('FIELD_INVALID', `a file gitcanary owns is ${kindOf(link)}`, {
        file: userPath,
        hint: 'remove it (gitcanary creates the file when it needs it), or choose another headerRouteFile',
      });
    }
    const target = link.isSymbolicLink()
      ? await statTarget(path.join(root, path.normalize(userPath)), userPath)
      : link;
    if (target.isDirectory()) {
      for (const file of await listManifests(root, rel))
        files.set(file, await readText(path.join(root, file)));
    } else if (target.isFile()) {
      files.set(rel, await readText(absolute));
    } else {
      // A FIFO would block the read forever; a device is no manifest.
      throw new GitcanaryError('FIELD_INVALID', `${userPath} is ${kindOf(target)}, not a manifest file`, {
        file: userPath,
      });
    }
  }
  return new ManifestTree(files);
}

/**
 * A file's text as one flat string. `readFile(file, 'utf8')` decodes a large file chunk by chunk and
 * joins the pieces, which V8 copies into one string at the first search: two copies of a 30 MB
 * manifest on the heap, where the buffer decoded at once leaves one (and the buffer, freed early).
 */
async function readText(file: string): Promise<string> {
  return (await readFile(file)).toString('utf8');
}

/** What a symlink points at; a dangling link or a loop is the repository's mistake to fix (exit 2). */
async function statTarget(absolute: string, userPath: string): Promise<Stats> {
  try {
    return await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const to = await readlink(absolute).catch(() => '?');
    throw new GitcanaryError(
      'FILE_NOT_FOUND',
      code === 'ELOOP'
        ? 'the file is a symlink loop'
        : `the file is a symlink to ${to}, which does not exist`,
      { file: userPath, hint: 'fix or remove the symlink in the repository', cause: error },
    );
  }
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symlink';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

async function listManifests(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.name.startsWith('.')) continue;
    const manifest = MANIFEST_EXTENSIONS.has(path.extname(entry.name)) || entry.name === 'Kustomization';
    if (entry.isDirectory()) out.push(...(await listManifests(root, rel)));
    else if (entry.isFile() && manifest) out.push(rel);
    else if (entry.isSymbolicLink() && manifest) {
      // A linked manifest is read only when it resolves inside the repository; one pointing out,
      // nowhere (dangling) or in a loop is refused rather than silently skipped.
      await resolveInside(root, rel);
      if ((await statTarget(path.join(root, rel), rel)).isFile()) out.push(rel);
    }
  }
  return out;
}

/** Write the files that differ between `base` and `next`; returns the repository paths written. */
export async function writeTree(root: string, base: ManifestTree, next: ManifestTree): Promise<string[]> {
  const changes = next.changedFiles(base);
  // Resolve every path first so that a refused path writes nothing.
  const targets = await Promise.all(
    changes.map(async (file) => ({ file, rel: await resolveInside(root, file) })),
  );
  for (const change of targets) {
    const absolute = path.join(root, change.rel);
    if (!next.has(change.file)) {
      await rm(absolute, { force: true });
    } else {
      await mkdir(path.dirname(absolute), { recursive: true });
      // In pieces: an edited 30 MB file is not put together as one string and one buffer first.
      await writeFile(absolute, next.chunks(change.file));
    }
  }
  return targets.map((c) => c.file);
}

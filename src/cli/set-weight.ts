import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import { loadTree, type ManifestTree, resolveInside, writeTree } from '../manifests/index.js';
import { routerFor, routers } from '../targets/registry.js';
import { type RouterCliOptions, setHeaderRoutes, type TrafficRouter } from '../targets/router.js';
import type { HeaderRoute } from '../targets/types.js';
import { printOut } from './output.js';

// `set weight`, `get weight` and `set header-route` for every traffic router, through the router
// contract: the kind is detected from the file (`--router` to choose), `--route` names the
// resource, `--rule` a rule or HTTP route in it, `--stable`/`--canary` the backends as the router
// names them. Files are edited in place, no commit. `--file` may be any path.

export interface RouteOptions {
  file: string;
  router?: string;
  route?: string;
  rule?: string[];
  stable?: string;
  canary?: string;
  verbose?: boolean;
}

export interface HeaderRouteOptions extends RouteOptions {
  name: string;
  header?: string;
  exact?: boolean;
  prefix?: boolean;
  regex?: boolean;
  remove?: boolean;
}

export async function setWeight(weightArg: string, options: RouteOptions): Promise<number> {
  const canaryWeight = parseWeight(weightArg);
  const { root, tree, router, config } = await loadRouter(options);
  await write(root, tree, router.setWeight(tree, config, canaryWeight, { inRelease: false }), options);
  return 0;
}

export async function getWeight(options: RouteOptions): Promise<number> {
  const { tree, router, config } = await loadRouter(options);
  printOut(String(router.observe(tree, config).canaryWeight));
  return 0;
}

export async function setHeaderRoute(
  value: string | undefined,
  options: HeaderRouteOptions,
): Promise<number> {
  const change = headerRouteChange(value, options);
  const { root, tree, router, config } = await loadRouter(options);
  const others = router.observe(tree, config).headerRoutes.filter((route) => route.name !== options.name);
  const headerRoutes = change === undefined ? others : [...others, change].sort(byName);
  await write(root, tree, setHeaderRoutes(router, tree, config, headerRoutes, { inRelease: false }), options);
  return 0;
}

/** The header route to write, or undefined for --remove. */
function headerRouteChange(value: string | undefined, options: HeaderRouteOptions): HeaderRoute | undefined {
  const kinds = (['exact', 'prefix', 'regex'] as const).filter((kind) => options[kind] === true);
  if (options.remove === true) {
    if (options.header !== undefined || value !== undefined) {
      throw usage('--remove takes no --header and no value');
    }
    return undefined;
  }
  if (options.header === undefined || kinds.length !== 1 || value === undefined || value === '') {
    throw usage('give --header <header>, one of --exact, --prefix, --regex, and the value (or --remove)');
  }
  return { name: options.name, match: [{ headerName: options.header, headerValue: { [kinds[0]!]: value } }] };
}

/** Weight argument: digits only, 0–100 (so `10.5`, `1e1` and `0x10` are refused). */
export function parseWeight(text: string): number {
  const weight = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(weight >= 0 && weight <= 100)) {
    throw new GitcanaryError('WEIGHT_INVALID', `weight must be an integer from 0 to 100, got "${text}"`);
  }
  return weight;
}

/**
 * The folder the files are read from and the path inside it: the current directory when `--file`
 * is inside it (errors then name the path as given), else the file's own folder.
 */
async function locate(file: string): Promise<{ root: string; rel: string }> {
  const absolute = path.resolve(file);
  const stat = await lstat(absolute).catch(() => undefined);
  if (!stat) throw new GitcanaryError('FILE_NOT_FOUND', 'no such file or folder', { file });
  const cwd = await realpath(process.cwd());
  const real = await realpath(absolute);
  const inside = path.relative(cwd, real);
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
    return { root: cwd, rel: await resolveInside(cwd, inside === '' ? '.' : inside) };
  }
  if (stat.isDirectory()) return { root: real, rel: '.' };
  return { root: path.dirname(real), rel: path.basename(real) };
}

async function loadRouter(
  options: RouteOptions,
): Promise<{ root: string; tree: ManifestTree; router: TrafficRouter<unknown>; config: unknown }> {
  const { root, rel } = await locate(options.file);
  let tree = await loadTree(root, [rel]);
  const router = options.router === undefined ? detect(tree, rel) : routerFor(options.router)!;
  const cli: RouterCliOptions = {
    file: rel,
    route: options.route,
    rule: options.rule,
    stable: options.stable,
    canary: options.canary,
  };
  const parsed = router.configSchema.safeParse(router.configFromCli(tree, cli));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usage(`${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid options'}`);
  }
  const config = parsed.data;
  // Files the router owns (an APISIX header-route file) are read when they exist.
  const owned = (router.ownedFiles?.(config) ?? []).filter((file) => !tree.has(file));
  if (owned.length > 0) tree = await loadTree(root, [rel], { optional: owned });
  return { root, tree, router, config };
}

/** The router whose kind the file holds; several kinds need --router. */
function detect(tree: ManifestTree, rel: string): TrafficRouter<unknown> {
  const files = tree.paths().filter((file) => rel === '.' || file === rel || file.startsWith(`${rel}/`));
  const found = routers().filter((router) => router.detects(tree, files));
  if (found.length === 1) return found[0]!;
  throw usage(
    found.length === 0
      ? `no resource a traffic router edits in ${rel}`
      : `${rel} holds resources of several routers (${found.map((router) => router.key).join(', ')}); choose one with --router`,
    `routers: ${routers()
      .map((router) => `${router.key} (${router.kinds.join(', ')})`)
      .join(', ')}`,
  );
}

async function write(
  root: string,
  base: ManifestTree,
  next: ManifestTree,
  options: RouteOptions,
): Promise<void> {
  const written = await writeTree(root, base, next);
  if (options.verbose !== true) return;
  if (written.length === 0) printOut('no change');
  for (const file of next.changedFiles(base)) printOut(`${next.has(file) ? 'wrote' : 'deleted'} ${file}`);
}

function byName(a: HeaderRoute, b: HeaderRoute): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function usage(message: string, hint?: string): GitcanaryError {
  return new GitcanaryError('USAGE', message, hint === undefined ? {} : { hint });
}

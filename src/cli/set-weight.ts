import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { GitcanaryError } from '../errors.js';
import { loadTree, ManifestTree, resolveInside, valueAt, writeTree } from '../manifests/index.js';
import {
  type ApisixConfig,
  apisixConfigSchema,
  apisixRouteNames,
  findApisixRoute,
  managedRules,
  ownedHeaderRouteFile,
  readCanaryWeight,
  readHeaderRoutes,
  setCanaryWeight,
  setHeaderRoutes,
} from '../targets/apisix.js';
import type { HeaderRoute } from '../targets/types.js';
import { action, printOut } from './output.js';

// `set weight`, `get weight` and `set header-route` on an ApisixRoute: edit files in place under the
// current directory, no commit. The CLI only parses options; the APISIX target does the editing.

interface RouteOptions {
  file: string;
  route?: string;
  rule?: string[];
  stable?: string;
  canary?: string;
  verbose?: boolean;
}

interface HeaderRouteOptions extends RouteOptions {
  name: string;
  header?: string;
  exact?: boolean;
  prefix?: boolean;
  regex?: boolean;
  remove?: boolean;
}

const INFERENCE_HELP =
  'Without --stable/--canary the managed rule must have exactly two backends: the first is the stable, ' +
  'the second the canary (the order of the Argo Rollouts and Flagger examples); with one of them given, ' +
  'the other is the remaining backend.';

export function registerWeightCommands(set: Command, get: Command): void {
  routeOptions(set.command('weight'))
    .description('set the canary weight of an ApisixRoute (stable gets 100 - weight)')
    .requiredOption('--stable <service>', 'serviceName of the stable backend')
    .requiredOption('--canary <service>', 'serviceName of the canary backend')
    .argument('<weight>', 'canary weight, an integer from 0 to 100')
    .action(action(setWeight));

  routeOptions(set.command('header-route'))
    .description(
      'add, replace or remove a header route: an ApisixRoute sending requests with a header to the canary only',
    )
    .requiredOption('--name <name>', 'header route name; also the name of the ApisixRoute written')
    .option('--header <header>', 'request header to match')
    .addOption(
      new Option('--exact', 'match the header value exactly').conflicts(['prefix', 'regex', 'remove']),
    )
    .addOption(new Option('--prefix', 'match values starting with <value>').conflicts(['regex', 'remove']))
    .addOption(new Option('--regex', 'match values against a regular expression').conflicts(['remove']))
    .option('--remove', 'remove the header route (the file is deleted with the last one)')
    .option('--stable <service>', 'serviceName of the stable backend')
    .option('--canary <service>', 'serviceName of the canary backend')
    .argument('[value]', 'header value, prefix or regular expression')
    .addHelpText('after', `\n${INFERENCE_HELP}`)
    .action(action(setHeaderRoute));

  routeOptions(get.command('weight'))
    .description(
      'print the canary weight of an ApisixRoute: percent of the stable + canary traffic the canary gets ' +
        "(a backend without weight counts as APISIX's default 100)",
    )
    .option('--stable <service>', 'serviceName of the stable backend')
    .option('--canary <service>', 'serviceName of the canary backend')
    .addHelpText('after', `\n${INFERENCE_HELP}`)
    .action(action(getWeight));
}

function routeOptions(command: Command): Command {
  return command
    .requiredOption(
      '--file <path>',
      'ApisixRoute file, or a folder to search (relative to the current directory)',
    )
    .option('--route <name>', 'ApisixRoute metadata.name; needed when --file holds several')
    .option(
      '--rule <name>',
      'spec.http[] rule to manage, repeatable (default: the rule named like the route, else the only rule)',
      (rule: string, rules: string[] | undefined) => [...(rules ?? []), rule],
    )
    .option('-v, --verbose', 'print the files written');
}

async function setWeight(weightArg: string, options: RouteOptions): Promise<number> {
  const canaryWeight = parseWeight(weightArg);
  const { root, tree, config } = await loadRoute(options);
  const next = setCanaryWeight(tree, config, canaryWeight);
  await write(root, tree, next, options);
  return 0;
}

async function getWeight(options: RouteOptions): Promise<number> {
  const { tree, config } = await loadRoute(options);
  printOut(String(readCanaryWeight(tree, config)));
  return 0;
}

async function setHeaderRoute(value: string | undefined, options: HeaderRouteOptions): Promise<number> {
  const change = headerRouteChange(value, options);
  const { root, tree, config } = await loadRoute(options, { withOwnedFile: true });
  const others = readHeaderRoutes(tree, config).filter((route) => route.name !== options.name);
  const headerRoutes = change === undefined ? others : [...others, change].sort(byName);
  const next = setHeaderRoutes(tree, config, headerRoutes);
  await write(root, tree, next, options);
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

async function loadRoute(
  options: RouteOptions,
  { withOwnedFile = false } = {},
): Promise<{ root: string; tree: ManifestTree; config: ApisixConfig }> {
  const root = process.cwd();
  const file = await resolveInside(root, options.file);
  let tree = await loadTree(root, [file]);
  const route = options.route ?? onlyRoute(tree, file);
  const selector = { file, route, rules: options.rule };
  const services = inferServices(tree, selector, options);
  const parsed = apisixConfigSchema.safeParse({ ...selector, ...services });
  if (!parsed.success) throw usage(parsed.error.issues[0]?.message ?? 'invalid options');
  const config = parsed.data;
  if (withOwnedFile) tree = await withFile(root, tree, ownedHeaderRouteFile(tree, config));
  return { root, tree, config };
}

function onlyRoute(tree: ManifestTree, file: string): string {
  const names = apisixRouteNames(tree, file);
  if (names.length === 1) return names[0]!;
  throw usage(
    names.length === 0
      ? `no ApisixRoute in ${file}`
      : `${file} holds several ApisixRoutes; choose one with --route`,
    names.length === 0 ? undefined : `ApisixRoutes: ${names.join(', ')}`,
  );
}

/** Stable and canary services: as given, else inferred from a two-backend rule (see INFERENCE_HELP). */
function inferServices(
  tree: ManifestTree,
  selector: Pick<ApisixConfig, 'file' | 'route' | 'rules'>,
  options: RouteOptions,
): { stableService: string; canaryService: string } {
  if (options.stable !== undefined && options.canary !== undefined) {
    return { stableService: options.stable, canaryService: options.canary };
  }
  const route = findApisixRoute(tree, selector);
  const rule = managedRules(tree, route, selector)[0]!;
  const backends = valueAt(route, ['spec', 'http', rule.index, 'backends']);
  const services = (Array.isArray(backends) ? backends : []).map((backend: unknown) =>
    String((backend as { serviceName?: unknown } | null)?.serviceName),
  );
  if (services.length !== 2) {
    throw usage(
      `cannot infer the stable and canary services: rule "${rule.name}" has ${services.length} backends`,
      'pass --stable and --canary',
    );
  }
  const [first, second] = services as [string, string];
  if (options.canary !== undefined) {
    return { stableService: options.canary === first ? second : first, canaryService: options.canary };
  }
  if (options.stable !== undefined) {
    return { stableService: options.stable, canaryService: options.stable === first ? second : first };
  }
  return { stableService: first, canaryService: second };
}

/** Add `file` to the tree when it exists on disk and is not loaded yet. */
async function withFile(root: string, tree: ManifestTree, file: string): Promise<ManifestTree> {
  if (tree.has(file)) return tree;
  const rel = await resolveInside(root, file);
  if (!(await lstat(path.join(root, rel)).catch(() => undefined))) return tree;
  const extra = await loadTree(root, [rel]);
  return new ManifestTree(
    new Map([...tree.paths(), rel].map((p) => [p, (p === rel ? extra : tree).text(p)])),
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
  for (const change of next.changedFrom(base)) {
    printOut(`${change.text === null ? 'deleted' : 'wrote'} ${change.file}`);
  }
}

function byName(a: HeaderRoute, b: HeaderRoute): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function usage(message: string, hint?: string): GitcanaryError {
  return new GitcanaryError('USAGE', message, hint === undefined ? {} : { hint });
}

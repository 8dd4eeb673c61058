import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  routerFor,
  routers,
  setHeaderRoutes
} from "./chunk-ZVA6QZ6O.js";
import "./chunk-WEH5TXVI.js";
import {
  loadTree,
  resolveInside,
  writeTree
} from "./chunk-XJFDB2OJ.js";
import {
  printOut
} from "./chunk-XX7CQEDV.js";
import "./chunk-3X7PDRD5.js";
import "./chunk-34IGQYKH.js";
import "./chunk-WMZLU4BU.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-YNPOA2B2.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/cli/set-weight.ts
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
async function setWeight(weightArg, options) {
  const canaryWeight = parseWeight(weightArg);
  const { root, tree, router, config } = await loadRouter(options);
  await write(root, tree, router.setWeight(tree, config, canaryWeight, { inRelease: false }), options);
  return 0;
}
async function getWeight(options) {
  const { tree, router, config } = await loadRouter(options);
  printOut(String(router.observe(tree, config).canaryWeight));
  return 0;
}
async function setHeaderRoute(value, options) {
  const change = headerRouteChange(value, options);
  const { root, tree, router, config } = await loadRouter(options);
  const others = router.observe(tree, config).headerRoutes.filter((route) => route.name !== options.name);
  const headerRoutes = change === void 0 ? others : [...others, change].sort(byName);
  await write(root, tree, setHeaderRoutes(router, tree, config, headerRoutes, { inRelease: false }), options);
  return 0;
}
function headerRouteChange(value, options) {
  const kinds = ["exact", "prefix", "regex"].filter((kind) => options[kind] === true);
  if (options.remove === true) {
    if (options.header !== void 0 || value !== void 0) {
      throw usage("--remove takes no --header and no value");
    }
    return void 0;
  }
  if (options.header === void 0 || kinds.length !== 1 || value === void 0 || value === "") {
    throw usage("give --header <header>, one of --exact, --prefix, --regex, and the value (or --remove)");
  }
  return { name: options.name, match: [{ headerName: options.header, headerValue: { [kinds[0]]: value } }] };
}
function parseWeight(text) {
  const weight = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(weight >= 0 && weight <= 100)) {
    throw new GitcanaryError("WEIGHT_INVALID", `weight must be an integer from 0 to 100, got "${text}"`);
  }
  return weight;
}
async function locate(file) {
  const absolute = path.resolve(file);
  const stat = await lstat(absolute).catch(() => void 0);
  if (!stat) throw new GitcanaryError("FILE_NOT_FOUND", "no such file or folder", { file });
  const cwd = await realpath(process.cwd());
  const real = await realpath(absolute);
  const inside = path.relative(cwd, real);
  if (!inside.startsWith("..") && !path.isAbsolute(inside)) {
    return { root: cwd, rel: await resolveInside(cwd, inside === "" ? "." : inside) };
  }
  if (stat.isDirectory()) return { root: real, rel: "." };
  return { root: path.dirname(real), rel: path.basename(real) };
}
async function loadRouter(options) {
  const { root, rel } = await locate(options.file);
  let tree = await loadTree(root, [rel]);
  const router = options.router === void 0 ? detect(tree, rel) : routerFor(options.router);
  const cli = {
    file: rel,
    route: options.route,
    rule: options.rule,
    stable: options.stable,
    canary: options.canary
  };
  const parsed = router.configSchema.safeParse(router.configFromCli(tree, cli));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usage(`${issue?.path.join(".") || "options"}: ${issue?.message ?? "invalid options"}`);
  }
  const config = parsed.data;
  const owned = (router.ownedFiles?.(config) ?? []).filter((file) => !tree.has(file));
  if (owned.length > 0) tree = await loadTree(root, [rel], { optional: owned });
  return { root, tree, router, config };
}
function detect(tree, rel) {
  const files = tree.paths().filter((file) => rel === "." || file === rel || file.startsWith(`${rel}/`));
  const found = routers().filter((router) => router.detects(tree, files));
  if (found.length === 1) return found[0];
  throw usage(
    found.length === 0 ? `no resource a traffic router edits in ${rel}` : `${rel} holds resources of several routers (${found.map((router) => router.key).join(", ")}); choose one with --router`,
    `routers: ${routers().map((router) => `${router.key} (${router.kinds.join(", ")})`).join(", ")}`
  );
}
async function write(root, base, next, options) {
  const written = await writeTree(root, base, next);
  if (options.verbose !== true) return;
  if (written.length === 0) printOut("no change");
  for (const file of next.changedFiles(base)) printOut(`${next.has(file) ? "wrote" : "deleted"} ${file}`);
}
function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
function usage(message, hint) {
  return new GitcanaryError("USAGE", message, hint === void 0 ? {} : { hint });
}
export {
  getWeight,
  parseWeight,
  setHeaderRoute,
  setWeight
};

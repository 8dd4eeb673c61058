import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  findKustomizationFile,
  findRollout,
  parseSetImageArg,
  setContainerImage,
  setImage
} from "./chunk-WEH5TXVI.js";
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

// src/cli/set-image.ts
import { lstat } from "node:fs/promises";
import path from "node:path";
async function runSetImage(images, options) {
  const root = process.cwd();
  const file = await resolveInside(root, options.file);
  const isFolder = (await lstat(path.join(root, file)).catch(() => void 0))?.isDirectory() ?? false;
  const base = await loadTree(root, [file]);
  let next = base;
  if (options.rollout !== void 0) {
    const [image, ...extra] = images;
    if (image === void 0 || extra.length > 0) {
      throw new GitcanaryError("USAGE", "give exactly one image reference for a Rollout", {
        hint: "e.g. argoproj/rollouts-demo:yellow"
      });
    }
    const { container, ref } = splitContainer(image, options.container);
    const config = { file, name: options.rollout, namespace: options.namespace, container };
    findRollout(base, config);
    next = setContainerImage(base, config, ref);
  } else {
    if (options.container !== void 0 || options.namespace !== void 0) {
      throw new GitcanaryError("USAGE", "--container and --namespace apply to --rollout only");
    }
    const changes = images.map(parseSetImageArg);
    const kustomization = isFolder ? findKustomizationFile(base, file) : file;
    for (const change of changes) next = setImage(next, kustomization, change);
  }
  const written = await writeTree(root, base, next);
  if (options.verbose) {
    for (const changed of written) printOut(`wrote ${changed}`);
    if (written.length === 0) printOut("unchanged");
  }
  return 0;
}
function splitContainer(arg, option) {
  const at = arg.indexOf("=");
  if (at < 0) return option === void 0 ? { ref: arg } : { container: option, ref: arg };
  const container = arg.slice(0, at);
  if (option !== void 0 && option !== container) {
    throw new GitcanaryError("USAGE", `--container ${option} disagrees with ${container}= in the argument`);
  }
  return { container, ref: arg.slice(at + 1) };
}
export {
  runSetImage
};

import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  STYLE_SAMPLE_BYTES,
  deleteIn,
  describeDoc,
  detectStyle,
  nodeAt,
  require_dist,
  setIn,
  sliceDocuments,
  valueAt
} from "./chunk-XJFDB2OJ.js";
import {
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  external_exports,
  resourcePartName
} from "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError,
  fieldPath
} from "./chunk-ASCNN4HU.js";
import {
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// src/targets/image-ref.ts
var PRESERVE = "*";
var PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
var NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
var TAG = /^[\w][\w.-]{0,127}$/;
var DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
var DIGEST_HEX_LENGTH = { sha256: 64, sha384: 96, sha512: 128 };
var KUSTOMIZE_TAG = /^(.*):([a-zA-Z0-9._-]*|\*)$/;
function parseImageRef(ref) {
  const parts = ref.split("@");
  if (parts.length > 2) throw invalid(ref, "more than one `@`");
  const [named = "", digest] = parts;
  const tagged = named.match(KUSTOMIZE_TAG);
  const image = tagged ? { name: tagged[1], tag: tagged[2] } : { name: named };
  if (digest !== void 0) image.digest = digest;
  validateName(image.name, ref);
  if (image.tag !== void 0) validateTag(image.tag, ref);
  if (image.digest !== void 0) validateDigest(image.digest, ref);
  return image;
}
function isImageName(name) {
  return NAME.test(name);
}
function formatImageRef(ref) {
  return `${ref.name}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}
function parseSetImageArg(arg) {
  const sides = arg.split("=");
  if (sides.length > 2) throw invalid(arg, "more than one `=`");
  if (sides.length === 2) {
    const [name2 = "", replacement = ""] = sides;
    if (replacement === "") throw invalid(arg, "nothing after `=`");
    const { name: newName, tag: tag2, digest: digest2 } = splitOverwrite(replacement, arg);
    validateName(name2, arg);
    if (newName !== PRESERVE) validateName(newName, arg);
    return withFields(name2, newName, tag2, digest2, arg);
  }
  const { name, tag, digest } = splitOverwrite(arg, arg);
  if (tag === void 0 && digest === void 0) {
    throw invalid(arg, "give a new name (`name=newName`), a tag (`name:tag`) or a digest (`name@digest`)");
  }
  validateName(name, arg);
  return withFields(name, void 0, tag, digest, arg);
}
function mergeSetImage(current, change) {
  const keep = (value, old) => value === PRESERVE ? old || void 0 : value;
  return compact({
    name: change.name,
    newName: keep(change.newName, current?.newName),
    newTag: keep(change.newTag, current?.newTag),
    digest: keep(change.digest, current?.digest)
  });
}
function imageOverride(name, image) {
  return compact({
    name,
    // Minimal entries: no `newName` when the repository stays the same.
    newName: image.name === name ? void 0 : image.name,
    newTag: image.tag,
    digest: image.digest
  });
}
function renderedImage(entry) {
  return compact({ name: entry.newName || entry.name, tag: entry.newTag, digest: entry.digest });
}
function splitOverwrite(text, arg) {
  const parts = text.split("@");
  if (parts.length > 2) throw invalid(arg, "more than one `@`");
  const [named = "", digest] = parts;
  const tagged = named.match(KUSTOMIZE_TAG);
  const out = tagged ? { name: tagged[1], tag: tagged[2] } : { name: named };
  if (digest !== void 0) out.digest = digest;
  return out;
}
function withFields(name, newName, tag, digest, arg) {
  if (tag !== void 0 && tag !== PRESERVE) validateTag(tag, arg);
  if (digest !== void 0 && digest !== PRESERVE) validateDigest(digest, arg);
  return compact({ name, newName, newTag: tag, digest });
}
function validateName(name, arg) {
  if (name === "") throw invalid(arg, "the image name is empty");
  if (!NAME.test(name)) {
    throw invalid(
      arg,
      `\`${name}\` is not a valid image name (lowercase repository path, optional registry:port/)`
    );
  }
}
function validateTag(tag, arg) {
  if (!TAG.test(tag)) {
    throw invalid(
      arg,
      `\`${tag}\` is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`
    );
  }
}
function validateDigest(digest, arg) {
  if (!DIGEST.test(digest))
    throw invalid(arg, `\`${digest}\` is not a digest (algorithm:hex, e.g. sha256:\u2026)`);
  const [algorithm = "", hex = ""] = digest.split(":");
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length !== void 0 && !new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) {
    throw invalid(arg, `a ${algorithm} digest is ${length} lowercase hex characters`);
  }
}
function compact(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0 && v !== ""));
}
function invalid(arg, why) {
  return new GitcanaryError("IMAGE_REF_INVALID", `invalid image reference \`${arg}\`: ${why}`, {
    hint: "use name=newName:newTag@digest, name=newName, name:newTag or name@digest"
  });
}

// src/targets/kustomization.ts
var import_yaml = __toESM(require_dist(), 1);

// src/targets/types.ts
function releaseRunning(state) {
  return state.canaryImage !== void 0 && state.stableImage !== state.canaryImage && (state.phase === "Progressing" || state.phase === "Paused");
}
function initialState(stableImage) {
  return {
    stableImage,
    canaryImage: void 0,
    canaryWeight: 0,
    previousWeight: 0,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: void 0,
    phase: "Progressing"
  };
}

// src/targets/kustomization.ts
var kustomizationConfigSchema = external_exports.strictObject({
  path: external_exports.string().min(1).describe("Folder holding kustomization.yaml, kustomization.yml or Kustomization, or the file itself."),
  image: external_exports.string().refine(isImageName, "an image name without tag or digest, e.g. ghcr.io/stefanprodan/podinfo").describe("The images[].name to set, e.g. ghcr.io/stefanprodan/podinfo."),
  replicas: external_exports.strictObject({
    name: external_exports.string().min(1).describe("The replicas[].name that carries the canary scale."),
    total: external_exports.number().int().positive().optional().describe(
      "Replica count that setCanaryScale weight and matchTrafficWeight are percentages of (Argo Rollouts' spec.replicas); default: the count the entry had when the release started."
    )
  }).optional().describe(
    "The replicas[] entry that carries setCanaryScale; restored to its count before the release on promotion and rollback."
  )
});
var KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
var IMAGE_FIELDS = ["newName", "newTag", "digest"];
var kustomizationTarget = {
  key: "kustomization",
  family: "workload",
  configSchema: kustomizationConfigSchema,
  files(config) {
    return [config.path];
  },
  apply(tree, config, state, role) {
    if (role === "baseline") return applyBaseline(tree, config, state);
    const image = role === "canary" ? state.canaryImage : state.stableImage;
    let next = tree;
    if (image !== void 0) {
      next = setImage(next, config.path, imageOverride(config.image, parseImageRef(image)));
    }
    if (role === "canary" && !config.replicas && state.canaryScale !== void 0) {
      throw new GitcanaryError(
        "FIELD_MISSING",
        "setCanaryScale needs the replicas entry that carries the canary scale",
        {
          field: "spec.workload.kustomization.replicas",
          hint: `set replicas: { name: <Deployment name> } on the workload kustomization (${config.path}), or remove the setCanaryScale step`
        }
      );
    }
    if (role === "canary" && config.replicas) {
      const count = canaryCount(config, state);
      if (count === null) next = deleteReplicas(next, config.path, config.replicas.name);
      else if (count !== void 0) next = setReplicas(next, config.path, config.replicas.name, count);
    }
    return next;
  },
  observe(tree, config, role) {
    const doc = kustomizationDoc(tree, config.path);
    if (role === "baseline") return {};
    const observed = {};
    if (role === "canary" && config.replicas) {
      observed.baselineScale = { [scaleKey(config)]: replicaCount(doc, config.replicas.name) ?? null };
    }
    const entry = currentImage(doc, config.image);
    if (entry === void 0) return observed;
    const image = formatImageRef(renderedImage(entry));
    return role === "canary" ? { ...observed, canaryImage: image } : { ...observed, stableImage: image };
  }
};
function applyBaseline(tree, config, state) {
  if (config.replicas === void 0) {
    throw new GitcanaryError("FIELD_INVALID", "the baseline kustomization needs replicas", {
      file: config.path,
      field: "spec.baseline.kustomization.replicas",
      hint: "name the replicas[] entry gitcanary scales (to the canary count during a release, to 0 after it)"
    });
  }
  if (!releaseRunning(state)) return setReplicas(tree, config.path, config.replicas.name, 0);
  const withImage = state.stableImage === void 0 ? tree : setImage(tree, config.path, imageOverride(config.image, parseImageRef(state.stableImage)));
  return setReplicas(withImage, config.path, config.replicas.name, baselineCount(config, state));
}
function baselineCount(config, state) {
  const started = Object.values(state.baselineScale ?? {}).filter((count2) => count2 !== null);
  const canaryStart = started.length === 1 ? started[0] : void 0;
  const total = config.replicas?.total ?? canaryStart;
  const scale = state.canaryScale;
  const percent = scale?.matchTrafficWeight ? state.canaryWeight : scale?.weight;
  if (scale?.replicas !== void 0) return scale.replicas;
  if (percent !== void 0 && total !== void 0) return Math.ceil(total * percent / 100);
  const count = percent === void 0 ? canaryStart ?? config.replicas?.total : void 0;
  if (count === void 0) {
    throw new GitcanaryError("FIELD_INVALID", "the baseline cannot tell the canary's replica count", {
      file: config.path,
      field: "spec.baseline.kustomization.replicas.total",
      hint: "name the canary kustomization's replicas entry (spec.workload.kustomization.replicas), or set the baseline's replicas.total"
    });
  }
  return count;
}
function scaleKey(config) {
  return `${config.path.replace(/\/+$/, "")}#${config.replicas?.name ?? ""}`;
}
function canaryCount(config, state) {
  const baseline = state.baselineScale?.[scaleKey(config)];
  const scale = state.canaryScale;
  if (scale === void 0) return baseline;
  if (scale.replicas !== void 0) return scale.replicas;
  const percent = scale.matchTrafficWeight ? state.canaryWeight : scale.weight;
  if (percent === void 0) return baseline;
  const total = config.replicas?.total ?? baseline ?? void 0;
  if (total === void 0) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      `setCanaryScale ${scale.matchTrafficWeight ? "matchTrafficWeight" : "weight"} needs a total replica count`,
      {
        file: config.path,
        field: "kustomization.replicas.total",
        hint: `the overlay has no replicas entry named ${config.replicas?.name} to take it from; set replicas.total`
      }
    );
  }
  return Math.ceil(total * percent / 100);
}
function findKustomizationFile(tree, path) {
  const folder = path.replace(/\/+$/, "");
  if (tree.has(folder)) return folder;
  const prefix = folder === "" || folder === "." ? "" : `${folder}/`;
  const found = KUSTOMIZATION_FILE_NAMES.map((name) => `${prefix}${name}`).filter((file) => tree.has(file));
  if (found.length > 1) {
    throw new GitcanaryError("RESOURCE_DUPLICATE", "more than one kustomization file in the folder", {
      file: found[1],
      hint: `also ${found[0]}; keep one`
    });
  }
  if (found.length === 0) {
    throw new GitcanaryError("FILE_NOT_FOUND", "no kustomization file found", {
      file: path,
      hint: `expected ${KUSTOMIZATION_FILE_NAMES.map((name) => `${prefix}${name}`).join(", ")}`
    });
  }
  return found[0];
}
function kustomizationDoc(tree, path) {
  const file = findKustomizationFile(tree, path);
  const doc = tree.document(file, 0);
  if (doc === void 0) throw new GitcanaryError("FILE_EMPTY", "the kustomization file is empty", { file });
  if (doc.document.contents === null) {
    throw new GitcanaryError("FILE_EMPTY", "the kustomization file holds no fields", { file });
  }
  if (!(0, import_yaml.isMap)(doc.document.contents)) {
    throw new GitcanaryError("FIELD_INVALID", "the kustomization is not a map", { file });
  }
  if (doc.kind !== void 0 && doc.kind !== "Kustomization" && doc.kind !== "Component") {
    throw new GitcanaryError("FIELD_INVALID", `expected kind Kustomization or Component, found ${doc.kind}`, {
      file,
      field: "kind"
    });
  }
  return doc;
}
function currentImage(doc, name) {
  const index = imageIndex(doc, name);
  return index === void 0 ? void 0 : imagesOf(doc)[index];
}
function setImage(tree, path, change) {
  let doc = kustomizationDoc(tree, path);
  const index = imageIndex(doc, change.name);
  const entry = mergeSetImage(index === void 0 ? void 0 : currentImage(doc, change.name), change);
  if (index === void 0) {
    const images = valueAt(doc, ["images"]);
    if (images !== void 0 && images !== null && !Array.isArray(images)) {
      throw new GitcanaryError("FIELD_INVALID", "`images` is not a list", {
        file: doc.file,
        field: "images"
      });
    }
    const at = Array.isArray(images) ? ["images", images.length] : ["images"];
    return setIn(tree, doc, at, Array.isArray(images) ? entry : [entry]);
  }
  let next = tree;
  for (const field of IMAGE_FIELDS) {
    const value = entry[field];
    if (value === void 0) {
      if (valueAt(doc, ["images", index, field]) !== void 0)
        next = deleteIn(next, doc, ["images", index, field]);
    } else {
      next = setIn(next, doc, ["images", index, field], value);
    }
    doc = kustomizationDoc(next, path);
  }
  return next;
}
function setReplicas(tree, path, name, count) {
  if (!Number.isInteger(count) || count < 0) {
    throw new GitcanaryError("FIELD_INVALID", `replica count must be a whole number \u2265 0, got ${count}`, {
      field: `replicas[name=${name}].count`
    });
  }
  const doc = kustomizationDoc(tree, path);
  const { list, index } = replicasEntry(doc, name);
  if (index !== void 0) return setIn(tree, doc, ["replicas", index, "count"], count);
  if (list !== void 0) return setIn(tree, doc, ["replicas", list.length], { name, count });
  return setIn(tree, doc, ["replicas"], [{ name, count }]);
}
function deleteReplicas(tree, path, name) {
  const doc = kustomizationDoc(tree, path);
  const { list, index } = replicasEntry(doc, name);
  if (list === void 0 || index === void 0) return tree;
  return deleteIn(tree, doc, list.length === 1 ? ["replicas"] : ["replicas", index]);
}
function replicaCount(doc, name) {
  const { list, index } = replicasEntry(doc, name);
  if (list === void 0 || index === void 0) return void 0;
  const count = list[index].count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    throw new GitcanaryError("FIELD_INVALID", "replica count must be a whole number \u2265 0", {
      file: doc.file,
      field: `replicas[${index}].count`
    });
  }
  return count;
}
function replicasEntry(doc, name) {
  const replicas = valueAt(doc, ["replicas"]);
  if (replicas === void 0 || replicas === null) return {};
  if (!Array.isArray(replicas)) {
    throw new GitcanaryError("FIELD_INVALID", "`replicas` is not a list", {
      file: doc.file,
      field: "replicas"
    });
  }
  const index = replicas.findIndex((item) => isRecord(item) && item.name === name);
  return index < 0 ? { list: replicas } : { list: replicas, index };
}
function imagesOf(doc) {
  const images = valueAt(doc, ["images"]);
  return Array.isArray(images) ? images : [];
}
function imageIndex(doc, name) {
  const matches = imagesOf(doc).flatMap((item, i) => isRecord(item) && item.name === name ? [i] : []);
  if (matches.length > 1) {
    throw new GitcanaryError("RESOURCE_DUPLICATE", `images has more than one entry named ${name}`, {
      file: doc.file,
      field: `images[${matches[1]}]`
    });
  }
  return matches[0];
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// src/targets/kit.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { isDeepStrictEqual } from "node:util";
var MANAGED_FILE_MARKER = "# Managed by gitcanary";
function isMap2(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
var resourceNameSchema = dns1123Subdomain;
var serviceNameSchema = dns1035Label;
var hostSchema = external_exports.string().max(253).regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "not a valid host name");
var ruleNameSchema = resourcePartName.min(1);
var namespaceSchema = dns1123Label;
var manifestPathSchema = external_exports.string().min(1).refine((value) => !/[\0\r\n]/.test(value), "a path has no NUL or line break");
var headerNameSchema = external_exports.string().min(1).max(256).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name is an HTTP token (letters, digits, "-", \u2026)');
var headerValueSchema = external_exports.string().min(1).max(4096).refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "a header value has no control characters");
function isValidRegex(pattern) {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
function distinctServices(config) {
  return config.stableService !== config.canaryService;
}
var DISTINCT_SERVICES = {
  message: "stableService and canaryService must differ",
  path: ["canaryService"]
};
function assertWeight(canaryWeight) {
  if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100) {
    throw new GitcanaryError(
      "WEIGHT_INVALID",
      `canary weight must be an integer from 0 to 100, got ${canaryWeight}`
    );
  }
}
function agreeingWeight(readings) {
  const [first, ...rest] = readings;
  if (first === void 0) return 0;
  for (const reading of rest) {
    if (reading.weight !== first.weight) {
      throw new GitcanaryError(
        "FIELD_INVALID",
        `managed routes disagree: ${first.where} sends ${first.weight}% to the canary, ${reading.where} ${reading.weight}%`,
        { ...reading.details, hint: "set the weight again to make them agree" }
      );
    }
  }
  return first.weight;
}
function readWeight(tree, doc, path, fallback) {
  const value = valueAt(doc, path);
  if (value === void 0 || value === null) return fallback;
  const weight = typeof value === "string" ? parseQuantity(value) : value;
  if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
    throw new GitcanaryError("WEIGHT_INVALID", `weight must be a non-negative number, got ${String(value)}`, {
      ...place(tree, doc, path)
    });
  }
  return weight;
}
function parseQuantity(text) {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G)?$/.exec(text.trim());
  if (!match) return Number.NaN;
  const scale = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9 }[match[2]] ?? 1;
  return Number(match[1]) * scale;
}
function writeWeight(tree, doc, path, weight) {
  const current = valueAt(doc, path);
  return setIn(tree, doc, path, typeof current === "string" ? String(weight) : weight);
}
function filesUnder(tree, file) {
  const normal = file === "." || file === "./" ? "" : file.replace(/^\.\//, "").replace(/\/+$/, "");
  const files = tree.has(normal) ? [normal] : tree.paths().filter((p) => normal === "" || p.startsWith(`${normal}/`));
  if (files.length === 0) {
    throw new GitcanaryError("FILE_NOT_FOUND", "no manifest files there", { file });
  }
  return files.filter((p) => p === normal || !tree.startsWith(p, MANAGED_FILE_MARKER));
}
function findResource(tree, file, ref) {
  return tree.find(ref, filesUnder(tree, file));
}
function resourceNames(tree, file, kind, apiVersions) {
  return tree.resources(filesUnder(tree, file), { kind }).filter((doc) => apiVersions === void 0 || apiVersions.includes(doc.apiVersion ?? "")).filter((doc) => !isOwnedDocument(doc)).map((doc) => doc.name ?? "?");
}
function place(tree, doc, field) {
  let path = [...field];
  let node = nodeAt(doc, path);
  while ((node === void 0 || node === null) && path.length > 0) {
    path = path.slice(0, -1);
    node = nodeAt(doc, path);
  }
  const start = node?.range?.[0];
  return {
    file: doc.file,
    ...start === void 0 ? doc.position ?? {} : tree.position(doc.file, doc.offset + start),
    resource: describeDoc(doc),
    field: fieldPath(field)
  };
}
function listAt(tree, doc, path, what) {
  const value = valueAt(doc, path);
  if (!Array.isArray(value) || value.length === 0) {
    throw new GitcanaryError("FIELD_MISSING", `the ${doc.kind} has no ${what}`, {
      ...place(tree, doc, path)
    });
  }
  return value.map((item) => isMap2(item) ? item : {});
}
function ownedDocumentMarker(id) {
  return `${MANAGED_FILE_MARKER}: ${id}`;
}
function leadingComment(doc) {
  const contents = doc.document.contents;
  return (doc.document.commentBefore ?? contents?.commentBefore ?? "").trimStart();
}
function isOwnedDocument(doc) {
  return leadingComment(doc).startsWith(MANAGED_FILE_MARKER.slice(2));
}
function renderYaml(value, style) {
  return (0, import_yaml2.stringify)(value, {
    indent: style.unit,
    indentSeq: !style.indentlessSeq,
    lineWidth: 0,
    aliasDuplicateObjects: false,
    version: "1.1"
  });
}
function ownedRegion(text, id) {
  const marker = ownedDocumentMarker(id);
  const lf = text.indexOf(`---
${marker}
`);
  const at = lf >= 0 ? lf : text.indexOf(`---\r
${marker}\r
`);
  if (at < 0) return void 0;
  const added = text.indexOf(NO_FINAL_NEWLINE, at) >= 0 && text.slice(at, text.indexOf(NO_FINAL_NEWLINE, at)).split("\n").length <= 4;
  const start = added && text[at - 1] === "\n" ? text[at - 2] === "\r" ? at - 2 : at - 1 : at;
  return { start, end: text.length };
}
var NO_FINAL_NEWLINE = "# (a line break was added before this document: the file ended without one)";
function writeOwnedDocument(tree, file, id, resource, note) {
  const text = tree.text(file);
  const region = ownedRegion(text, id);
  const base = region === void 0 ? text : text.slice(0, region.start);
  if (resource === null) return region === void 0 ? tree : tree.with(file, base);
  const style = detectStyle(base);
  const body = renderYaml(resource, style);
  const endsWithBreak = base === "" || base.endsWith("\n");
  const block = endsWithBreak ? `---
${ownedDocumentMarker(id)}
# ${note}
${body}` : `
---
${ownedDocumentMarker(id)}
${NO_FINAL_NEWLINE}
# ${note}
${body}`;
  const eolBlock = style.eol === "\n" ? block : block.replace(/\n/g, style.eol);
  const next = base + eolBlock;
  return next === text ? tree : tree.with(file, next);
}
function ownedDocument(tree, file, id) {
  if (!tree.has(file) || ownedRegion(tree.text(file), id) === void 0) return void 0;
  const marker = ownedDocumentMarker(id).slice(2);
  return tree.documents(file).find((doc) => leadingComment(doc).startsWith(marker));
}
function annotationJson(doc, key) {
  return safeJson(valueAt(doc, ["metadata", "annotations", key]));
}
function setAnnotationJson(tree, doc, key, value) {
  const path = ["metadata", "annotations", key];
  if (value === void 0) return valueAt(doc, path) === void 0 ? tree : deleteIn(tree, doc, path);
  const text = JSON.stringify(value);
  return valueAt(doc, path) === text ? tree : setIn(tree, doc, path, text);
}
function syncOwnedItems(tree, find, listPath, owned, desired, at = "end") {
  const doc = find(tree);
  const list = valueAt(doc, listPath);
  const items = Array.isArray(list) ? list : [];
  const ownedIndexes = items.flatMap(
    (item, index) => isMap2(item) && typeof item.name === "string" && owned.has(item.name) ? [index] : []
  );
  const current = ownedIndexes.map((index) => items[index]);
  if (isDeepStrictEqual(current, desired)) return tree;
  let next = tree;
  for (const index of [...ownedIndexes].reverse()) next = deleteIn(next, find(next), [...listPath, index]);
  if (at === "start") return desired.length === 0 ? next : insertFirst(next, find(next), listPath, desired);
  const remaining = items.length - ownedIndexes.length;
  desired.forEach((item, i) => {
    next = setIn(next, find(next), [...listPath, remaining + i], item);
  });
  return next;
}
function insertFirst(tree, doc, listPath, items) {
  const seq = doc.document.getIn(listPath, true);
  const first = (0, import_yaml2.isSeq)(seq) ? seq.items[0] : void 0;
  if (!(0, import_yaml2.isSeq)(seq) || seq.flow || first?.range === void 0) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      "cannot insert routes before a list that is empty or in flow style",
      {
        ...place(tree, doc, listPath),
        hint: "write the list in block style (one `- ` item per line)"
      }
    );
  }
  const { source, extent } = doc;
  const itemStart = first.range[0];
  const lineStart = source.lastIndexOf("\n", itemStart - 1) + 1;
  const dash = source.lastIndexOf("-", itemStart - 1);
  const column = dash - lineStart;
  const style = detectStyle(source, doc.document, itemStart, () => tree.head(doc.file, STYLE_SAMPLE_BYTES));
  const rendered = renderYaml([...items], style).replace(/\n$/, "").split("\n").map((line) => line === "" ? line : " ".repeat(column) + line).join(style.eol);
  const edited = source.slice(extent.start, lineStart) + rendered + style.eol + source.slice(lineStart, extent.end);
  if (sliceDocuments(edited).length !== 1) {
    throw new GitcanaryError("EDIT_UNCONFIRMED", "inserting routes first would split the document", {
      ...place(tree, doc, listPath)
    });
  }
  const after = tree.withDocument(doc.file, doc.index, edited);
  const before = valueAt(doc, listPath);
  const reread = after.document(doc.file, doc.index);
  if (reread === void 0 || !isDeepStrictEqual(valueAt(reread, listPath), [...items, ...before])) {
    throw new GitcanaryError("EDIT_UNCONFIRMED", "inserting routes first changed more than the list", {
      ...place(tree, doc, listPath)
    });
  }
  return after;
}
function escapeRegex(text) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
function joinPath(dir, name) {
  return dir === "." || dir === "" ? name : `${dir}/${name}`;
}
function safeJson(text) {
  if (typeof text !== "string") return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function usage(message, hint) {
  return new GitcanaryError("USAGE", message, hint === void 0 ? {} : { hint });
}
function refuseBaselineRole(key, why) {
  throw new GitcanaryError("CONFIG_INVALID", `a ${key} target cannot be the baseline workload: ${why}`, {
    field: `spec.baseline.${key}`,
    hint: "use a kustomization overlay with a replicas entry as spec.baseline"
  });
}
var baselineServiceSchema = serviceNameSchema.optional().describe(
  "Service of the spec.baseline workload: while a release runs it gets the canary's weight and stable 100 \u2212 2 \xD7 canary (the backend must already be listed, at weight 0)."
);
function distinctBackends(config) {
  const { baselineService } = config;
  return baselineService === void 0 || baselineService !== config.stableService && baselineService !== config.canaryService;
}
var DISTINCT_BASELINE = {
  message: "baselineService must differ from stableService and canaryService",
  path: ["baselineService"]
};
function splitWeights(canaryWeight, baselineWeight = 0) {
  assertWeight(canaryWeight);
  if (!Number.isInteger(baselineWeight) || baselineWeight < 0 || canaryWeight + baselineWeight > 100) {
    throw new GitcanaryError(
      "WEIGHT_INVALID",
      `canary ${canaryWeight}% and baseline ${baselineWeight}% leave no valid stable weight`
    );
  }
  return { canary: canaryWeight, baseline: baselineWeight, stable: 100 - canaryWeight - baselineWeight };
}
function sharesOf(canary, stable, baseline) {
  const total = canary + stable + baseline;
  if (total === 0) return { canary: 0, baseline: 0 };
  return { canary: Math.round(100 * canary / total), baseline: Math.round(100 * baseline / total) };
}
function writeBackendWeights(tree, find, listPath, backends, weights) {
  const edits = [
    [backends.canary, weights.canary],
    [backends.stable, weights.stable],
    [backends.baseline, weights.baseline]
  ];
  let next = tree;
  for (const [index, weight] of edits) {
    if (index !== void 0) next = writeWeight(next, find(next), [...listPath, index, "weight"], weight);
  }
  return next;
}
function backendShares(tree, doc, listPath, backends, fallback) {
  const weightOf = (index) => readWeight(tree, doc, [...listPath, index, "weight"], fallback);
  return sharesOf(
    weightOf(backends.canary),
    weightOf(backends.stable),
    backends.baseline === void 0 ? 0 : weightOf(backends.baseline)
  );
}
function serviceBackends(tree, doc, list, config) {
  const names = listAt(tree, doc, list.path, fieldPath(list.path)).map((item) => item[list.serviceField]);
  const index = (service, role) => {
    const at = names.indexOf(service);
    if (at < 0) {
      throw new GitcanaryError(
        "BACKEND_MISSING",
        `the ${doc.kind} has no ${role} ${list.item} "${service}"`,
        {
          ...place(tree, doc, list.path),
          hint: `${list.item}s: ${names.map(String).join(", ")}`
        }
      );
    }
    return at;
  };
  return {
    stable: index(config.stableService, "stable"),
    canary: index(config.canaryService, "canary"),
    ...config.baselineService === void 0 ? {} : { baseline: index(config.baselineService, "baseline") }
  };
}
function noBaselineBackend(key) {
  return {
    error: (issue) => issue.code === "unrecognized_keys" && issue.keys?.includes("baselineService") ? `router \`${key}\` cannot carry a baseline's traffic (it splits between two backends only); routers that can: ${BASELINE_ROUTERS.join(", ") || "none"}` : void 0
  };
}
var BASELINE_ROUTERS = [];
function noteBaselineRouters(keys) {
  BASELINE_ROUTERS.splice(0, BASELINE_ROUTERS.length, ...keys);
}

// src/targets/rollout.ts
var rolloutConfigSchema = external_exports.strictObject({
  file: external_exports.string().min(1).describe("File (or folder) holding the Argo Rollout."),
  name: dns1123Subdomain.describe("metadata.name of the Rollout."),
  namespace: dns1123Label.optional().describe("metadata.namespace, when several share the name."),
  container: dns1123Label.optional().describe("Container whose image is set; default: the first container.")
});
var ORIGINAL_STEPS_ANNOTATION = "gitcanary.dev/original-steps";
var ROLLOUT_API_VERSIONS = ["argoproj.io/v1alpha1"];
var STEPS_PATH = ["spec", "strategy", "canary", "steps"];
var ANNOTATION_PATH = ["metadata", "annotations", ORIGINAL_STEPS_ANNOTATION];
var rolloutTarget = {
  key: "rollout",
  family: "workload",
  configSchema: rolloutConfigSchema,
  // gitcanary's steps end in `pause: {}`: Argo CD reports a Rollout paused at a step as Suspended.
  acceptHealth: ["Suspended"],
  files(config) {
    return [config.file];
  },
  // Argo resolves an analysis arg's `valueFrom.fieldRef` against the Rollout itself.
  fieldRefObject(config) {
    return {
      file: config.file,
      kind: "Rollout",
      name: config.name,
      ...config.namespace === void 0 ? {} : { namespace: config.namespace }
    };
  },
  apply(tree, config, state, role) {
    if (role === "baseline") refuseBaselineRole("rollout", "Argo Rollouts runs a baseline as an Experiment");
    const doc = findRollout(tree, config);
    if (role === "stable") {
      if (state.stableImage === void 0 || state.canaryImage !== void 0 || isManaged(doc)) return tree;
      return setContainerImage(tree, config, state.stableImage);
    }
    if (state.phase === "RolledBack" || state.phase === "Failed") {
      const reverted = state.stableImage === void 0 ? tree : setContainerImage(tree, config, state.stableImage);
      return restoreSteps(reverted, config);
    }
    if (state.canaryImage === void 0) {
      const idle = state.phase === "Promoted" && state.stableImage !== void 0;
      return idle && templateImage(doc, config) === state.stableImage ? restoreSteps(tree, config) : tree;
    }
    const withSteps = setManagedSteps(tree, config, managedSteps(state));
    return setContainerImage(withSteps, config, state.canaryImage);
  },
  controllerRouters(tree, config) {
    const routing = valueAt(findRollout(tree, config), ["spec", "strategy", "canary", "trafficRouting"]);
    return routing !== null && typeof routing === "object" ? Object.keys(routing) : [];
  },
  observe(tree, config, role) {
    if (role === "baseline") return {};
    const doc = findRollout(tree, config);
    const image = templateImage(doc, config);
    if (!isManaged(doc)) {
      return role === "canary" ? { stableImage: image, canaryWeight: 0 } : { stableImage: image };
    }
    if (role === "stable") return {};
    return { canaryImage: image, canaryWeight: lastSetWeight(valueAt(doc, STEPS_PATH)) };
  }
};
function managedSteps(state) {
  const weight = state.phase === "Promoted" ? 100 : state.canaryWeight;
  checkWeight(weight, "canaryWeight");
  checkWeight(state.previousWeight, "previousWeight");
  const steps = [];
  if (state.previousWeight > 0 && state.previousWeight !== weight)
    steps.push({ setWeight: state.previousWeight });
  if (state.canaryScale !== void 0 && state.phase !== "Promoted")
    steps.push({ setCanaryScale: state.canaryScale });
  steps.push({ setWeight: weight });
  if (state.phase !== "Promoted") steps.push({ pause: {} });
  return steps;
}
function findRollout(tree, config) {
  return tree.find(
    { kind: "Rollout", name: config.name, namespace: config.namespace, apiVersions: ROLLOUT_API_VERSIONS },
    filesUnder2(tree, config.file)
  );
}
function setContainerImage(tree, config, image) {
  const formatted = formatImageRef(parseImageRef(image));
  const doc = findRollout(tree, config);
  const index = containerIndex(doc, config);
  return setIn(tree, doc, ["spec", "template", "spec", "containers", index, "image"], formatted);
}
function setManagedSteps(tree, config, steps) {
  let doc = findRollout(tree, config);
  const canary = valueAt(doc, ["spec", "strategy", "canary"]);
  if (canary === null || typeof canary !== "object") {
    throw new GitcanaryError("FIELD_MISSING", "the Rollout has no canary strategy", {
      file: doc.file,
      resource: describeDoc(doc),
      field: "spec.strategy.canary",
      hint: "gitcanary drives canary Rollouts; blueGreen is not supported"
    });
  }
  let next = tree;
  if (!isManaged(doc)) {
    next = setIn(next, doc, ANNOTATION_PATH, JSON.stringify(valueAt(doc, STEPS_PATH) ?? null));
    doc = findRollout(next, config);
  }
  return setIn(next, doc, STEPS_PATH, steps);
}
function restoreSteps(tree, config) {
  let doc = findRollout(tree, config);
  if (!isManaged(doc)) return tree;
  const original = originalSteps(doc);
  let next = original === null ? valueAt(doc, STEPS_PATH) === void 0 ? tree : deleteIn(tree, doc, STEPS_PATH) : setIn(tree, doc, STEPS_PATH, original);
  doc = findRollout(next, config);
  next = deleteIn(next, doc, ANNOTATION_PATH);
  return next;
}
function originalSteps(doc) {
  const text = valueAt(doc, ANNOTATION_PATH);
  let steps;
  try {
    steps = JSON.parse(String(text));
  } catch {
    steps = void 0;
  }
  if (steps !== null && !Array.isArray(steps)) {
    throw new GitcanaryError("FIELD_INVALID", "the original-steps annotation is not a JSON list of steps", {
      file: doc.file,
      resource: describeDoc(doc),
      field: `metadata.annotations.${ORIGINAL_STEPS_ANNOTATION}`,
      hint: "restore spec.strategy.canary.steps by hand from git history and remove the annotation"
    });
  }
  return steps;
}
function isManaged(doc) {
  return valueAt(doc, ANNOTATION_PATH) !== void 0;
}
function lastSetWeight(steps) {
  if (!Array.isArray(steps)) return 0;
  const weights = steps.flatMap(
    (step) => step !== null && typeof step === "object" && typeof step.setWeight === "number" ? [step.setWeight] : []
  );
  return weights[weights.length - 1] ?? 0;
}
function templateImage(doc, config) {
  const image = valueAt(doc, [
    "spec",
    "template",
    "spec",
    "containers",
    containerIndex(doc, config),
    "image"
  ]);
  return typeof image === "string" ? image : void 0;
}
function containerIndex(doc, config) {
  const containers = valueAt(doc, ["spec", "template", "spec", "containers"]);
  const names = Array.isArray(containers) ? containers.map(
    (c) => c !== null && typeof c === "object" ? c.name : void 0
  ) : [];
  if (names.length === 0) {
    throw new GitcanaryError("FIELD_MISSING", "the Rollout template has no containers", {
      file: doc.file,
      resource: describeDoc(doc),
      field: "spec.template.spec.containers"
    });
  }
  if (config.container === void 0) return 0;
  const index = names.indexOf(config.container);
  if (index < 0) {
    throw new GitcanaryError("RESOURCE_NOT_FOUND", `no container named ${config.container}`, {
      file: doc.file,
      resource: describeDoc(doc),
      field: "spec.template.spec.containers",
      hint: `containers: ${names.map(String).join(", ")}`
    });
  }
  return index;
}
function filesUnder2(tree, path) {
  const folder = path.replace(/\/+$/, "");
  if (tree.has(folder)) return [folder];
  const prefix = folder === "" || folder === "." ? "" : `${folder}/`;
  const files = tree.paths().filter((file) => file.startsWith(prefix));
  if (files.length === 0)
    throw new GitcanaryError("FILE_NOT_FOUND", "no manifest files found", { file: path });
  return files;
}
function checkWeight(weight, field) {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new GitcanaryError(
      "WEIGHT_INVALID",
      `${field} must be a whole number from 0 to 100, got ${weight}`,
      {
        field
      }
    );
  }
}

export {
  MANAGED_FILE_MARKER,
  isMap2 as isMap,
  resourceNameSchema,
  serviceNameSchema,
  hostSchema,
  ruleNameSchema,
  namespaceSchema,
  manifestPathSchema,
  headerNameSchema,
  headerValueSchema,
  isValidRegex,
  distinctServices,
  DISTINCT_SERVICES,
  assertWeight,
  agreeingWeight,
  writeWeight,
  filesUnder,
  findResource,
  resourceNames,
  place,
  listAt,
  isOwnedDocument,
  writeOwnedDocument,
  ownedDocument,
  annotationJson,
  setAnnotationJson,
  syncOwnedItems,
  escapeRegex,
  joinPath,
  safeJson,
  usage,
  refuseBaselineRole,
  baselineServiceSchema,
  distinctBackends,
  DISTINCT_BASELINE,
  splitWeights,
  sharesOf,
  writeBackendWeights,
  backendShares,
  serviceBackends,
  noBaselineBackend,
  noteBaselineRouters,
  releaseRunning,
  initialState,
  parseImageRef,
  formatImageRef,
  parseSetImageArg,
  kustomizationTarget,
  findKustomizationFile,
  setImage,
  rolloutTarget,
  findRollout,
  setContainerImage
};

import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  ciJob
} from "./chunk-BJZLPS2T.js";
import {
  checkGates,
  configWarnings,
  createGate,
  imageWarning,
  loadConfig,
  planRelease
} from "./chunk-XPUI7XNL.js";
import {
  notifiesAnything
} from "./chunk-2THQVTOD.js";
import {
  targetFor
} from "./chunk-ZVA6QZ6O.js";
import {
  initialState,
  parseImageRef
} from "./chunk-WEH5TXVI.js";
import {
  loadTree,
  writeTree
} from "./chunk-XJFDB2OJ.js";
import {
  EXIT,
  GITCANARY_TRAILERS,
  LeaseMoved,
  NOTES_REF,
  colorEnabled,
  interruptSignal,
  openRepository,
  printOut,
  renderStatus,
  sanitizeGateResult
} from "./chunk-XX7CQEDV.js";
import {
  parseJudgment
} from "./chunk-3X7PDRD5.js";
import "./chunk-34IGQYKH.js";
import "./chunk-WMZLU4BU.js";
import {
  renderFile
} from "./chunk-XS2OQZ4O.js";
import {
  sleepUntil,
  systemClock
} from "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import "./chunk-YNPOA2B2.js";
import {
  parseDuration
} from "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError,
  isGitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  registerSecret,
  secretFromEnv
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/cli/commands.ts
import { hostname } from "node:os";

// src/engine/actor.ts
var SOURCES = ["GITHUB_ACTOR", "GITLAB_USER_LOGIN", "GIT_AUTHOR_NAME", "USER", "USERNAME"];
function actorFrom(env) {
  for (const name of SOURCES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return void 0;
}

// src/engine/apply.ts
async function loadTargetTree(targets, root) {
  const files = [...new Set(targets.flatMap((b) => b.target.files(b.config)))];
  const owned = [...new Set(targets.flatMap((b) => b.target.ownedFiles?.(b.config) ?? []))];
  return loadTree(root, files, { optional: owned.filter((file) => !files.includes(file)) });
}
function applyState(targets, tree, state) {
  refuseControllerRouters(targets, tree);
  let next = tree;
  for (const bound of targets) next = bound.target.apply(next, bound.config, state, bound.role);
  return next;
}
function refuseControllerRouters(targets, tree) {
  const owned = targets.flatMap(
    (bound) => (bound.target.controllerRouters?.(tree, bound.config) ?? []).map((key) => ({
      key,
      by: bound.target.key
    }))
  );
  for (const bound of targets) {
    const why = bound.target.router?.generatedByController;
    const clash = owned.find((entry) => entry.key === bound.target.key);
    if (why === void 0 || clash === void 0) continue;
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `the ${clash.by} workload routes traffic through ${clash.key} itself: ${why}; gitcanary writing it too would fight the controller`,
      {
        field: `spec.traffic.${bound.target.key}`,
        hint: `remove spec.traffic's ${bound.target.key} block (the controller follows the weights gitcanary commits into the Rollout's steps), or remove trafficRouting.${clash.key} from the Rollout`
      }
    );
  }
}
function observeImages(targets, tree) {
  const observed = {};
  for (const bound of targets) {
    if (bound.target.family !== "workload") continue;
    const seen = bound.target.observe(tree, bound.config, bound.role);
    if (bound.role === "stable") {
      observed.stableImage ??= seen.stableImage ?? seen.canaryImage;
    } else {
      observed.canaryImage ??= seen.canaryImage;
      observed.stableImage ??= seen.stableImage;
    }
    if (seen.baselineScale) observed.baselineScale = { ...observed.baselineScale, ...seen.baselineScale };
  }
  return observed;
}
function observeAll(targets, tree) {
  return targets.map((bound) => ({
    key: bound.target.key,
    role: bound.role,
    observed: bound.target.observe(tree, bound.config, bound.role)
  }));
}
var BROKEN_BY_HAND = /* @__PURE__ */ new Set([
  "FILE_NOT_FOUND",
  "FILE_EMPTY",
  "YAML_INVALID",
  "RESOURCE_NOT_FOUND",
  "FIELD_MISSING",
  "FIELD_INVALID",
  "BACKEND_MISSING"
]);
async function brokenTargets(targets, root, state) {
  const broken = [];
  for (const bound of targets) {
    try {
      bound.target.apply(await loadTargetTree([bound], root), bound.config, state, bound.role);
    } catch (error) {
      if (!isGitcanaryError(error) || !BROKEN_BY_HAND.has(error.code)) throw error;
      broken.push({ bound, error });
    }
  }
  return broken;
}
async function observeEach(targets, root) {
  const seen = [];
  for (const bound of targets) {
    const entry = { key: bound.target.key, role: bound.role };
    try {
      seen.push({
        ...entry,
        observed: bound.target.observe(await loadTargetTree([bound], root), bound.config, bound.role)
      });
    } catch (error) {
      if (!isGitcanaryError(error) || !BROKEN_BY_HAND.has(error.code)) throw error;
      seen.push({ ...entry, observed: {}, missing: error.format() });
    }
  }
  return seen;
}

// src/engine/diff.ts
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
async function treeDiff(before, after) {
  const changes = after.changedFiles(before);
  if (changes.length === 0) return "";
  const dir = await mkdtemp(path.join(os.tmpdir(), "gitcanary-diff-"));
  try {
    const parts = [];
    for (const [i, file] of changes.entries()) {
      const a = path.join(dir, `${i}.a`);
      const b = path.join(dir, `${i}.b`);
      await writeFile(a, before.has(file) ? before.chunks(file) : "");
      await writeFile(b, after.has(file) ? after.chunks(file) : "");
      const out = await run("git", ["diff", "--no-index", "--no-color", "--", a, b], {
        maxBuffer: 64 * 1024 * 1024
      }).then(
        (r) => r.stdout,
        (error) => {
          if (error.code === 1 && error.stdout !== void 0) return error.stdout;
          throw error;
        }
      );
      const oldName = before.has(file) ? `a/${file}` : "/dev/null";
      const newName = after.has(file) ? `b/${file}` : "/dev/null";
      const body = out.replace(/\n$/, "").split("\n").slice(out.startsWith("diff --git") ? 1 : 0);
      const hunks = body.filter(
        (line) => !line.startsWith("index ") && !line.startsWith("--- ") && !line.startsWith("+++ ") && !/^(new|deleted) file mode/.test(line)
      );
      parts.push([`diff --git a/${file} b/${file}`, `--- ${oldName}`, `+++ ${newName}`, ...hunks].join("\n"));
    }
    return parts.map((part) => `${part}
`).join("");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// src/engine/next.ts
function failedChecks(position) {
  return position.progress.failedChecks + position.passes.filter((pass) => pass.verdict === "fail").length;
}
function nextAction(plan, position, now) {
  const { progress, passes } = position;
  const failed = failedChecks(position);
  if (plan.checks !== void 0 && failed >= plan.checks.threshold) {
    return { kind: "rollback", failedChecks: failed, threshold: plan.checks.threshold };
  }
  let begins = Date.parse(progress.lastCommit.time);
  for (let index = progress.stepIndex + 1; index <= plan.steps.length; index++) {
    const step = plan.steps[index - 1];
    if (step.kind === "pause") {
      if (step.durationMs === void 0) return { kind: "paused", index, reason: "pause" };
      const until = begins + step.durationMs;
      if (until > now.getTime()) return { kind: "wait", index, until: new Date(until), reason: "pause" };
      begins = until;
      continue;
    }
    if (step.kind === "analysis") {
      const records = passes.filter((pass) => pass.step === index);
      const last = records.at(-1);
      if (last?.verdict === "pass") {
        begins = Date.parse(last.at);
        continue;
      }
      if (last?.verdict === "inconclusive") return { kind: "paused", index, reason: "inconclusive" };
      if (last?.verdict === "fail") {
        const until = Date.parse(last.at) + retryInterval(plan, index);
        if (until > now.getTime()) return { kind: "wait", index, until: new Date(until), reason: "retry" };
      }
      return { kind: "analysis", index, attempt: records.length + 1 };
    }
    return { kind: "commit", index };
  }
  return { kind: "done" };
}
function retryInterval(plan, index) {
  if (plan.checks !== void 0) return plan.checks.intervalMs;
  for (let before = index - 1; before >= 1; before--) {
    const step = plan.steps[before - 1];
    if (step.kind === "pause" && step.durationMs !== void 0) return step.durationMs;
  }
  return 6e4;
}
function isCheckPass(plan, index) {
  if (plan.checks === void 0) return false;
  const promotion = plan.steps.findIndex((step) => step.kind === "promotePrimary" || step.kind === "promote");
  return promotion < 0 || index - 1 < promotion;
}

// src/engine/state.ts
function isCommitting(step) {
  return step.kind !== "pause" && step.kind !== "analysis";
}
function imagesFromObservation(canaryImage, observed) {
  return {
    canaryImage,
    stableImage: observed.stableImage ?? observed.canaryImage,
    previousCanaryImage: observed.canaryImage,
    baselineScale: observed.baselineScale
  };
}
function startState(images) {
  return {
    ...initialState(images.stableImage),
    canaryImage: images.canaryImage,
    baselineScale: images.baselineScale
  };
}
function applyStep(state, step, images) {
  switch (step.kind) {
    case "change":
      return applyChange(state, step.step);
    case "promotePrimary":
      return { ...state, stableImage: images.canaryImage, previousWeight: state.canaryWeight };
    case "shift":
      return { ...state, previousWeight: state.canaryWeight, canaryWeight: step.weight };
    case "promote":
      return promotedState(state, images);
    default:
      return state;
  }
}
function applyChange(state, step) {
  if ("setWeight" in step) {
    return {
      ...state,
      previousWeight: state.canaryWeight,
      canaryWeight: step.setWeight,
      phase: "Progressing"
    };
  }
  if ("setHeaderRoute" in step) {
    const { name, match } = step.setHeaderRoute;
    const others = state.headerRoutes.filter((route) => route.name !== name);
    const headerRoutes = match && match.length > 0 ? [...others, { name, match }] : others;
    return { ...state, previousWeight: state.canaryWeight, headerRoutes };
  }
  if ("setMirrorRoute" in step) {
    const { name, match, percentage } = step.setMirrorRoute;
    const others = state.mirrorRoutes.filter((route) => route.name !== name);
    const mirrorRoutes = match && match.length > 0 ? [...others, { name, match, percentage: percentage ?? 100 }] : others;
    return { ...state, previousWeight: state.canaryWeight, mirrorRoutes };
  }
  return { ...state, previousWeight: state.canaryWeight, canaryScale: { ...step.setCanaryScale } };
}
function stateAt(steps, throughIndex, images) {
  let state = startState(images);
  for (const step of steps.slice(0, throughIndex)) state = applyStep(state, step, images);
  return state;
}
function promotedState(state, images) {
  return {
    ...state,
    stableImage: images.canaryImage,
    canaryImage: images.canaryImage,
    previousWeight: state.canaryWeight,
    canaryWeight: 0,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: void 0,
    phase: "Promoted"
  };
}
function finishedState(images) {
  return {
    stableImage: images.canaryImage,
    canaryImage: void 0,
    canaryWeight: 0,
    previousWeight: 0,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: void 0,
    baselineScale: images.baselineScale,
    phase: "Promoted"
  };
}
function rolledBackState(state, images, phase) {
  return {
    stableImage: images.stableImage,
    canaryImage: images.previousCanaryImage,
    canaryWeight: 0,
    previousWeight: state.canaryWeight,
    headerRoutes: [],
    mirrorRoutes: [],
    canaryScale: void 0,
    baselineScale: images.baselineScale,
    phase
  };
}
function stateForStep(steps, index, images) {
  const step = steps[index - 1];
  if (step?.kind === "promote") return promotedState(stateAt(steps, index - 1, images), images);
  return stateAt(steps, index, images);
}

// src/engine/plan.ts
function planTimeline(input) {
  const timing = /* @__PURE__ */ new Map();
  const at = (ms) => new Date(ms).toISOString();
  const commitAt = (index, ms) => ({
    sha: `simulated-${index}`,
    time: at(ms),
    subject: "",
    trailers: {}
  });
  let progress = {
    releaseId: "plan",
    image: "plan",
    stableImage: void 0,
    previousCanaryImage: void 0,
    stepIndex: 0,
    total: input.steps.length,
    phase: "Progressing",
    weight: 0,
    action: "start",
    failedChecks: 0,
    lastCommit: commitAt(0, 0),
    startCommit: commitAt(0, 0)
  };
  let passes = [];
  let now = 0;
  let afterPromote = false;
  const begin = (index) => {
    if (!timing.has(index)) timing.set(index, { startsAfterMs: now, afterPromote });
  };
  for (let turn = 0; turn < input.steps.length * 2 + 2; turn++) {
    const next = nextAction(input, { progress, passes }, new Date(now));
    if (next.kind === "done" || next.kind === "rollback") break;
    begin(next.index);
    if (next.kind === "wait") now = next.until.getTime();
    else if (next.kind === "analysis")
      passes = [...passes, { step: next.index, at: at(now), verdict: "pass", gates: [] }];
    else {
      if (next.kind === "paused") afterPromote = true;
      if (input.steps[next.index - 1]?.kind === "promote") break;
      progress = { ...progress, stepIndex: next.index, lastCommit: commitAt(next.index, now) };
      passes = [];
    }
  }
  return timing;
}
function* planTrees(input, base, images) {
  const commit = (before, state) => {
    const after = applyState(input.targets, before, state);
    applyState(input.targets, after, rolledBackState(state, images, "RolledBack"));
    return after;
  };
  let tree = commit(base, startState(images));
  yield {
    index: 0,
    summary: `start canary of ${images.canaryImage}`,
    commits: true,
    before: base,
    after: tree
  };
  for (const [offset, step] of input.steps.entries()) {
    const index = offset + 1;
    const { summary } = step;
    if (!isCommitting(step)) {
      yield { index, summary, commits: false, before: tree, after: tree };
      continue;
    }
    const next = commit(tree, stateForStep(input.steps, index, images));
    yield { index, summary, commits: true, before: tree, after: next };
    tree = next;
  }
  const finished = applyState(input.targets, tree, finishedState(images));
  yield {
    index: input.steps.length,
    summary: "finish",
    commits: true,
    finish: true,
    before: tree,
    after: finished
  };
}
function checkPlannedTrees(input, base, images) {
  const trees = planTrees(input, base, images);
  while (!trees.next().done) ;
}
async function planDiffs(input, root, image) {
  const base = await loadTargetTree(input.targets, root);
  const timing = planTimeline(input);
  const out = [];
  const images = imagesFromObservation(image, observeImages(input.targets, base));
  for (const { index, summary, commits, finish, before, after } of planTrees(input, base, images)) {
    if (finish) {
      const diff = await treeDiff(before, after);
      if (diff !== "") out.push({ index, summary, commits: true, diff });
      continue;
    }
    out.push({
      index,
      summary,
      commits,
      diff: commits ? await treeDiff(before, after) : "",
      ...index === 0 ? { startsAfterMs: 0, afterPromote: false } : timing.get(index)
    });
  }
  return out;
}

// src/engine/release.ts
import { createHash as createHash2 } from "node:crypto";

// src/engine/progress.ts
import { createHash } from "node:crypto";
var TRAILER = {
  ...GITCANARY_TRAILERS,
  /** Failed checks of the release so far (Flagger's `status.failedChecks`); absent while 0. */
  failedChecks: "Gitcanary-Failed-Checks",
  /** Who let the release go on past a pause (`promote`): the CI user, else the local user. */
  promotedBy: "Gitcanary-Promoted-By"
};
var TERMINAL_ACTIONS = /* @__PURE__ */ new Set(["promote", "finish", "rollback", "abort"]);
function isFinished(progress) {
  return TERMINAL_ACTIONS.has(progress.action);
}
function readProgress(history) {
  const last = history[0];
  if (!last) return void 0;
  const releaseId = last.trailers[TRAILER.releaseId];
  const image = last.trailers[TRAILER.image];
  const step = /^(\d+)\/(\d+)$/.exec(last.trailers[TRAILER.step] ?? "");
  if (!releaseId || !image || !step) return void 0;
  const sameRelease = history.filter((c) => c.trailers[TRAILER.releaseId] === releaseId);
  return {
    releaseId,
    image,
    stableImage: emptyToUndefined(last.trailers[TRAILER.stableImage]),
    previousCanaryImage: emptyToUndefined(last.trailers[TRAILER.previousImage]),
    baselineScale: parseBaselineScale(last),
    targets: last.trailers[TRAILER.targets],
    stepIndex: Number(step[1]),
    total: Number(step[2]),
    phase: last.trailers[TRAILER.phase] ?? "Progressing",
    weight: Number(last.trailers[TRAILER.weight] ?? 0),
    action: last.trailers[TRAILER.action] ?? "step",
    failedChecks: parseCount(last),
    lastCommit: last,
    startCommit: sameRelease[sameRelease.length - 1] ?? last
  };
}
function targetsFingerprint(targets) {
  const canonical = targets.map((bound) => [bound.target.key, bound.role, sortKeys(bound.config)]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 12);
}
function readOwnProgress(history, name, targets) {
  const progress = readProgress(history);
  if (progress === void 0 || progress.targets === void 0 || progress.targets === targets)
    return progress;
  if (isFinished(progress)) return progress;
  throw new GitcanaryError(
    "RELEASE_STATE",
    `the release ${name} under way (${progress.image}, step ${progress.stepIndex}/${progress.total}) was started by a config with other targets`,
    {
      field: "metadata.name",
      hint: "two configs share this name in one repository: give each its own metadata.name, or restore the targets the release started with"
    }
  );
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value).sort().map((key) => [key, sortKeys(value[key])])
  );
}
function parseBaselineScale(commit) {
  const text = commit.trailers[TRAILER.baselineScale];
  if (text === void 0) return void 0;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = void 0;
  }
  const valid = value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((n) => n === null || Number.isInteger(n) && n >= 0);
  if (!valid) {
    throw new GitcanaryError(
      "RELEASE_STATE",
      `commit ${commit.sha.slice(0, 12)} has an unreadable ${TRAILER.baselineScale} trailer`,
      {
        field: TRAILER.baselineScale,
        hint: 'expected a JSON object of replica counts, e.g. {"apps/podinfo/canary#podinfo":2}'
      }
    );
  }
  return value;
}
function parseCount(commit) {
  const text = commit.trailers[TRAILER.failedChecks];
  if (text === void 0) return 0;
  if (!/^\d{1,6}$/.test(text)) {
    throw new GitcanaryError(
      "RELEASE_STATE",
      `commit ${commit.sha.slice(0, 12)} has an unreadable ${TRAILER.failedChecks} trailer`,
      { field: TRAILER.failedChecks, hint: "expected a count of failed checks, e.g. 2" }
    );
  }
  return Number(text);
}
function emptyToUndefined(value) {
  return value === void 0 || value === "" || value === "-" ? void 0 : value;
}

// src/engine/commit.ts
var ReleaseWriter = class {
  #plan;
  #repo;
  #reporter;
  #fingerprint;
  constructor(plan, repo, reporter, fingerprint) {
    this.#plan = plan;
    this.#repo = repo;
    this.#reporter = reporter;
    this.#fingerprint = fingerprint;
  }
  get total() {
    return this.#plan.steps.length;
  }
  /**
   * One commit: apply every target to the tree, write, commit with trailers, push (replaying the
   * intent on a newer head when the push loses a race to another app's commit; a commit of this
   * release by another process throws GIT_TIP_MOVED instead: the caller re-reads). Returns the progress after it, or
   * `progress` unchanged when nothing was committed.
   */
  async commit(progress, request, options = {}) {
    const trailers = this.trailers(progress, request);
    const subject = `gitcanary(${this.#plan.name}): ${request.summary} [${request.index}/${this.total}]`;
    const message = await commitMessage(subject, progress, request);
    const outcome = await this.#repo.commitStep(
      async (root) => {
        const files = await this.#apply(root, request.state, request.targets ?? this.#plan.targets);
        return { message, trailers, files };
      },
      {
        maxAttempts: this.#plan.maxPushAttempts,
        allowEmpty: request.allowEmpty ?? false,
        // A pull request's branch is gitcanary's own: each proposal overwrites it. The release's own
        // branch is written only while this release's newest commit there is still the one we read.
        ...options.pushTo === void 0 ? {
          expectedRelease: {
            name: this.#plan.name,
            newest: request.after === void 0 ? progress.lastCommit.sha : request.after ?? void 0
          }
        } : { pushTo: options.pushTo, force: true }
      }
    );
    if (!outcome.committed) return progress;
    const head = outcome.time === void 0 || outcome.sha === void 0 ? await this.#repo.head() : { sha: outcome.sha, time: outcome.time };
    const sha = outcome.sha ?? head.sha;
    if (options.pushTo === void 0)
      this.#reporter.event({
        type: "commit",
        sha,
        index: request.index,
        total: this.total,
        action: request.action,
        phase: request.phase ?? request.state.phase,
        weight: request.state.canaryWeight,
        attempts: outcome.attempts,
        subject
      });
    const commit = { sha, time: head.time, subject, trailers };
    return {
      ...progress,
      stepIndex: request.index,
      phase: request.phase ?? request.state.phase,
      weight: request.state.canaryWeight,
      action: request.action,
      failedChecks: request.failedChecks,
      lastCommit: commit,
      startCommit: request.index === 0 ? commit : progress.startCommit
    };
  }
  /** The trailers of a release commit: where the release stands after it. */
  trailers(progress, request) {
    return {
      [TRAILER.release]: this.#plan.name,
      [TRAILER.releaseId]: progress.releaseId,
      [TRAILER.step]: `${request.index}/${this.total}`,
      [TRAILER.phase]: request.phase ?? request.state.phase,
      [TRAILER.weight]: String(request.state.canaryWeight),
      [TRAILER.image]: progress.image,
      [TRAILER.stableImage]: progress.stableImage ?? "-",
      [TRAILER.previousImage]: progress.previousCanaryImage ?? "-",
      [TRAILER.targets]: this.#fingerprint,
      ...progress.baselineScale && Object.keys(progress.baselineScale).length > 0 ? { [TRAILER.baselineScale]: JSON.stringify(progress.baselineScale) } : {},
      ...request.failedChecks > 0 ? { [TRAILER.failedChecks]: String(request.failedChecks) } : {},
      ...request.promotedBy === void 0 ? {} : { [TRAILER.promotedBy]: oneLine(request.promotedBy) },
      [TRAILER.action]: request.action,
      ...this.#plan.jobUrl ? { [TRAILER.job]: this.#plan.jobUrl } : {}
    };
  }
  /** Apply all targets to the manifests under `root`; returns the repository paths written. */
  async #apply(root, state, targets) {
    const base = await loadTargetTree(targets, root);
    return writeTree(root, base, applyState(targets, base, state));
  }
};
function oneLine(text) {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim() || "unknown";
}
async function commitMessage(subject, progress, request) {
  const message = await renderFile("commit-message", {
    subject,
    body: `Release ${progress.releaseId}: ${progress.image}, canary weight ${request.state.canaryWeight}%, phase ${request.phase ?? request.state.phase}.`,
    // As text, so that a measured 0 (exit code, error count) still shows in the evidence.
    gates: request.gates.map((gate) => ({
      ...gate,
      value: gate.value === void 0 ? void 0 : String(gate.value)
    }))
  });
  return message.trimEnd();
}

// src/engine/gating.ts
var GateRunner = class {
  #configs;
  #create;
  #reporter;
  #built = /* @__PURE__ */ new Map();
  constructor(configs, create, reporter) {
    this.#configs = configs;
    this.#create = create;
    this.#reporter = reporter;
  }
  /** The gate named `name`, built on first use. */
  gate(name) {
    let gate = this.#built.get(name);
    if (gate === void 0) {
      const config = this.#configs[name];
      if (config === void 0) {
        throw new GitcanaryError("CONFIG_INVALID", `gate ${name} is not defined`, {
          field: `spec.gates.${name}`
        });
      }
      gate = this.#create(name, config);
      this.#built.set(name, gate);
    }
    return gate;
  }
  async effect(name) {
    return (await this.gate(name)).effect ?? "decide";
  }
  /**
   * Evaluates `names` in order and reports each verdict. A gate that throws is inconclusive (it
   * never passes), except for a config error, which is the user's to fix and stops the release.
   */
  async evaluate(names, context) {
    const results = [];
    for (const name of names) results.push(await this.#evaluateOne(name, context));
    return results;
  }
  /**
   * One check pass over `names`, in order, as Flagger's tick runs it (scheduler.go advanceCanary,
   * runAnalysis, scheduler_hooks.go): a rollback gate that asks for the rollback ends the pass; the
   * first failed deciding gate ends it (the gates after it are not asked); confirmations are asked
   * only once every deciding gate before them passed, and the first not given ends the pass.
   * `checks` (Flagger's analysis): a deciding gate that could not decide is a failed check, as
   * Flagger fails a check on any metric error; otherwise (Argo Rollouts) the pass goes on and ends
   * inconclusive.
   */
  async pass(names, context, options) {
    const results = [];
    let inconclusive = false;
    for (const name of names) {
      const effect = await this.effect(name);
      if (effect === "wait" && inconclusive) continue;
      const result = await this.#evaluateOne(name, context);
      results.push(result);
      if (effect === "rollback" && result.verdict === "fail") return { verdict: "rollback", results };
      if (effect === "decide") {
        if (result.verdict === "fail" || options.checks && result.verdict === "inconclusive")
          return { verdict: "fail", results };
        if (result.verdict === "inconclusive") inconclusive = true;
      }
      if (effect === "wait" && result.verdict !== "pass") return { verdict: "wait", results };
    }
    return { verdict: inconclusive ? "inconclusive" : "pass", results };
  }
  async #evaluateOne(name, context) {
    const gate = await this.gate(name);
    let result;
    try {
      result = await gate.evaluate(context);
    } catch (error) {
      if (error instanceof GitcanaryError && error.code === "CONFIG_INVALID") throw error;
      result = {
        gate: name,
        kind: gate.kind,
        verdict: "inconclusive",
        message: `could not be evaluated: ${error.message}`,
        measurements: []
      };
    }
    throwIfInterrupted(context.signal);
    this.#reporter.event({ type: "gate", result });
    return result;
  }
};
function throwIfInterrupted(signal) {
  if (!signal.aborted) return;
  throw new GitcanaryError("INTERRUPTED", "interrupted while waiting; nothing was committed for this step", {
    hint: "run again (or `gitcanary step`) to resume from the Git history"
  });
}

// src/engine/lease.ts
var DEFAULT_LEASE_MS = 5 * 6e4;
var ReleaseLease = class {
  #release;
  #deps;
  #clock;
  #renewEveryMs;
  #held;
  constructor(release, deps, clock, renewEveryMs) {
    this.#release = release;
    this.#deps = deps;
    this.#clock = clock;
    this.#renewEveryMs = renewEveryMs;
  }
  /**
   * Refuses (exit 2) while another holder's lease is live; `run` then takes it (`once`, a `step`,
   * only looks: it makes one commit and leaves, and the commits' compare-and-swap keeps two steps
   * apart). Without a holder (or a repository without leases) nothing is held. `fetched`: the
   * repository was fetched just now, so the first look reads the lease that fetch brought.
   */
  async take(once, fetched = false) {
    const { repo, holder } = this.#deps;
    if (holder === void 0 || !repo.readLease || !repo.writeLease) return;
    for (let attempt = 1; ; attempt++) {
      const current = await repo.readLease(this.#release, { fetched: fetched && attempt === 1 });
      const now = this.#clock.now().getTime();
      if (current && current.holder !== holder && Date.parse(current.expires) > now) {
        throw new GitcanaryError(
          "RELEASE_STATE",
          `release ${this.#release} is driven by ${current.holder} (lease until ${current.expires})`,
          {
            hint: "one driver per release: wait for it to end, or for its lease to expire if that driver is gone (it renews the lease while it runs); `status`, `abort` and `promote` still work"
          }
        );
      }
      if (once) return;
      try {
        const lease = await repo.writeLease(this.#release, holder, this.#expiry(), current?.sha);
        this.#held = { lease, renewedAt: now };
        if (current && current.holder !== holder) {
          this.#deps.reporter.event({
            type: "progress",
            message: `took over the lease of ${current.holder}, expired at ${current.expires}`
          });
        }
        return;
      } catch (error) {
        if (!(error instanceof LeaseMoved) || attempt >= 3) throw error;
      }
    }
  }
  /** Renews the lease once per watch interval; a lease another driver took over stops this run. */
  async renew() {
    const held = this.#held;
    const { repo, holder } = this.#deps;
    const now = this.#clock.now().getTime();
    if (!held || !repo.writeLease || holder === void 0 || now - held.renewedAt < this.#renewEveryMs)
      return;
    try {
      const lease = await repo.writeLease(this.#release, holder, this.#expiry(), held.lease.sha);
      this.#held = { lease, renewedAt: now };
    } catch (error) {
      if (!(error instanceof LeaseMoved)) throw error;
      this.#held = void 0;
      const current = await repo.readLease?.(this.#release);
      throw new GitcanaryError(
        "RELEASE_STATE",
        `the lease on release ${this.#release} was taken over by ${current?.holder ?? "another driver"} after it expired; this run stops`,
        { hint: "the other driver goes on with the release; nothing more is committed here" }
      );
    }
  }
  /** Gives the lease back as the run ends, unless another driver took it over meanwhile. */
  async drop() {
    const held = this.#held;
    this.#held = void 0;
    if (!held) return;
    await this.#deps.repo.removeLease?.(this.#release, held.lease.sha).catch(() => void 0);
  }
  #expiry() {
    return new Date(this.#clock.now().getTime() + (this.#deps.leaseMs ?? DEFAULT_LEASE_MS));
  }
};

// src/engine/observe.ts
function observeRelease(driven, position) {
  if (position === void 0) {
    return {
      kind: "stop",
      outcome: "aborted",
      message: `the history of the release of ${driven.image} is gone from the branch (rewritten?); nothing more was committed`,
      progress: void 0
    };
  }
  const { progress } = position;
  if (progress.releaseId !== driven.releaseId) {
    return {
      kind: "stop",
      outcome: "superseded",
      message: `the release of ${driven.image} was superseded by ${progress.image} (${describe(progress)}) from another process; nothing more was committed for ${driven.image}`,
      progress
    };
  }
  const moved = progress.lastCommit.sha !== driven.newest;
  if (!isFinished(progress)) return { kind: "continue", position, moved };
  const by = moved ? " by another process" : "";
  const who = progress.lastCommit.trailers["Gitcanary-Promoted-By"];
  switch (progress.action) {
    case "abort":
      return {
        kind: "stop",
        outcome: "aborted",
        message: `the release of ${progress.image} was aborted${by} at step ${progress.stepIndex}/${progress.total} (${short(progress)}); nothing more was committed`,
        progress
      };
    case "rollback":
      return {
        kind: "stop",
        outcome: "rolledBack",
        message: `the release of ${progress.image} was rolled back${by} at step ${progress.stepIndex}/${progress.total} (${short(progress)}); nothing more was committed`,
        progress
      };
    default:
      return {
        kind: "stop",
        outcome: "promoted",
        message: `${progress.image} was promoted${by}${who ? ` (${who})` : ""} (${short(progress)}); nothing more was committed`,
        progress
      };
  }
}
function short(progress) {
  return progress.lastCommit.sha.slice(0, 7);
}
function describe(progress) {
  return isFinished(progress) ? `which ended with ${progress.action}` : `at step ${progress.stepIndex}/${progress.total}, commit ${short(progress)}`;
}

// src/report/judgments.ts
var VERDICT_ICON = { pass: "\u2705", fail: "\u274C", inconclusive: "\u26A0\uFE0F" };
function judgmentView(gate) {
  if (gate.kind !== "judge") return void 0;
  const table = parseJudgment(gate.message);
  if (table === void 0 || table.rows.length === 0) return void 0;
  return {
    gate: gate.gate,
    icon: VERDICT_ICON[gate.verdict] ?? "",
    headline: cell(table.headline),
    confidence: table.confidence,
    baseline: cell(
      table.baseline === void 0 ? "" : `${table.comparedWith === "stable" ? "\u26A0\uFE0F " : ""}Baseline: ${table.baseline}`
    ),
    rows: table.rows.map((row) => ({
      ...row,
      metric: cell(`${row.metric}${row.critical ? " (critical)" : ""}`),
      shift: cell(row.shift)
    }))
  };
}
function latestJudgmentViews(evidence) {
  const views = /* @__PURE__ */ new Map();
  for (const gate of evidence) {
    const view = judgmentView(gate);
    if (view !== void 0) views.set(gate.gate, view);
  }
  return [...views.values()];
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

// src/engine/proposal.ts
function proposedIndex(steps, at) {
  const step = steps[at - 1];
  if (step?.kind !== "pause") return at;
  const after = steps[at];
  return after !== void 0 && isCommitting(after) ? at + 1 : at;
}
function isProposed(steps, index, everyStep) {
  const step = steps[index - 1];
  if (step === void 0) return false;
  if (step.kind === "pause") return step.durationMs === void 0 && proposedIndex(steps, index) === index;
  if (!isCommitting(step)) return false;
  if (everyStep) return true;
  const before = steps[index - 2];
  return before?.kind === "pause" && before.durationMs === void 0;
}
function pendingProposal(steps, index, everyStep) {
  for (let at = index + 1; at <= steps.length; at++) {
    const step = steps[at - 1];
    if (isCommitting(step)) return everyStep ? at : void 0;
    if (step.kind === "pause" && step.durationMs === void 0) return proposedIndex(steps, at);
  }
  return void 0;
}
function proposalTitle(name, steps, from, index, images) {
  const before = stateAt(steps, from, images).canaryWeight;
  const step = steps[index - 1];
  if (step.kind === "pause") return `${name}: resume after ${step.summary}`;
  const after = stateForStep(steps, index, images).canaryWeight;
  if (step.kind === "promote") return `${name}: promote ${images.canaryImage}`;
  return before === after ? `${name}: ${step.summary}` : `${name}: canary ${before}% \u2192 ${after}%`;
}
function proposalView(input) {
  const { steps, progress, index, images } = input;
  const weights = steps.map((_, i) => stateForStep(steps, i + 1, images).canaryWeight);
  return {
    name: input.name,
    image: progress.image,
    stableImage: progress.stableImage ?? "unknown",
    releaseId: progress.releaseId,
    step: index,
    total: steps.length,
    summary: steps[index - 1]?.summary ?? "",
    from: progress.stepIndex,
    weight: progress.weight,
    diff: input.diff.trimEnd(),
    evidence: input.evidence.map((gate) => ({
      gate: cell2(gate.gate),
      kind: gate.kind,
      verdict: gate.verdict,
      value: gate.value === void 0 ? "" : cell2(String(gate.value)),
      threshold: cell2(gate.threshold ?? ""),
      message: cell2(gate.message)
    })),
    // A judge gate's per-metric table (its series stay with the job that measured them: the job
    // summary charts them; Git keeps the table).
    judgments: latestJudgmentViews(input.evidence),
    chart: {
      categories: ["0", ...steps.map((_, i) => String(i + 1))].join(", "),
      values: ["0", ...weights.map(String)].join(", ")
    }
  };
}
function cell2(text) {
  const line = text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
  return line.length > 200 ? `${line.slice(0, 199)}\u2026` : line;
}

// src/engine/records.ts
function evidenceOf(result) {
  const { gate, kind, verdict, value, threshold, message } = sanitizeGateResult(result);
  return {
    gate,
    kind,
    verdict,
    ...value === void 0 ? {} : { value },
    ...threshold === void 0 ? {} : { threshold },
    message
  };
}
function readPasses(text, releaseId, sha) {
  if (text === void 0 || text.trim() === "") return [];
  let note;
  try {
    note = JSON.parse(text);
  } catch (error) {
    throw unreadable(sha, error);
  }
  if (note.gitcanary !== 1 || !Array.isArray(note.passes)) throw unreadable(sha);
  if (note.releaseId !== releaseId) return [];
  for (const pass of note.passes) {
    const valid = Number.isInteger(pass?.step) && typeof pass.at === "string" && !Number.isNaN(Date.parse(pass.at)) && ["pass", "fail", "inconclusive"].includes(pass.verdict) && Array.isArray(pass.gates);
    if (!valid) throw unreadable(sha);
  }
  return note.passes;
}
function appendPass(text, releaseId, sha, pass) {
  let passes;
  try {
    passes = readPasses(text, releaseId, sha);
  } catch {
    passes = [];
  }
  const note = { gitcanary: 1, releaseId, passes: [...passes, pass] };
  return `${JSON.stringify(note, null, 2)}
`;
}
function unreadable(sha, cause) {
  return new GitcanaryError("RELEASE_STATE", `the ${NOTES_REF} note on ${sha.slice(0, 12)} is not readable`, {
    field: NOTES_REF,
    hint: `gitcanary writes that note; remove it with \`git notes --ref=${NOTES_REF} remove ${sha.slice(0, 12)}\` and push the notes ref, or restore it`,
    cause
  });
}

// src/engine/recover.ts
async function recoverUnpushed(repo, reporter, fetched = false) {
  if (!fetched) await repo.fetch?.();
  const unpushed = await repo.unpushedCommits?.() ?? [];
  if (unpushed.length === 0) {
    await repo.resetToRemote?.();
    return false;
  }
  try {
    const sha = await repo.pushUnpushed();
    reporter.event({
      type: "progress",
      message: `pushed ${unpushed.length} commit(s) left by an interrupted run, up to ${sha.slice(0, 7)}`
    });
    return true;
  } catch (error) {
    if (!(error instanceof GitcanaryError && error.code === "GIT_PUSH_CONFLICT")) throw error;
    await repo.resetToRemote();
    reporter.event({
      type: "progress",
      message: `dropped ${unpushed.length} unpushed commit(s) of an interrupted run: the branch moved`
    });
    return false;
  }
}

// src/engine/types.ts
var EXIT_CODES = {
  promoted: 0,
  stepped: 0,
  noop: 0,
  rolledBack: 1,
  aborted: 1,
  // The image this process drove will not be promoted: a newer one replaced it (not a bad input).
  superseded: 1,
  waiting: 3,
  paused: 3
};

// src/engine/release.ts
var ReleaseEngine = class {
  #plan;
  #deps;
  #clock;
  #signal;
  #fingerprint;
  #writer;
  #gates;
  #watchIntervalMs;
  #lease;
  constructor(plan, deps) {
    this.#plan = plan;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#signal = deps.signal ?? new AbortController().signal;
    this.#fingerprint = targetsFingerprint(plan.targets);
    this.#writer = new ReleaseWriter(plan, deps.repo, deps.reporter, this.#fingerprint);
    this.#gates = new GateRunner(plan.gates, deps.createGate, deps.reporter);
    this.#watchIntervalMs = deps.watchIntervalMs ?? 3e4;
    this.#lease = new ReleaseLease(plan.name, deps, this.#clock, this.#watchIntervalMs);
  }
  get total() {
    return this.#plan.steps.length;
  }
  /** Where the release stands, from the commit trailers. */
  async progress() {
    const history = await this.#deps.repo.releaseHistory(this.#plan.name, { limit: 200 });
    return readOwnProgress(history, this.#plan.name, this.#fingerprint);
  }
  /**
   * `run` (whole release) and `step` (at most one commit). Another process that starts the same
   * release first wins the start commit's compare-and-swap: this one reads again and goes on from
   * what that process committed (resumes the same image, supersedes with another one).
   */
  async run(options) {
    await this.#deps.repo.fetch?.({ reuseOpen: true });
    await this.#lease.take(options.once, true);
    try {
      return await this.#rereading((attempt) => this.#runOnce(options, attempt === 1));
    } finally {
      await this.#lease.drop();
    }
  }
  /** Runs a command again from a fresh read when another process committed for the release first. */
  async #rereading(command) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await command(attempt);
      } catch (error) {
        if (!isTipMoved(error) || attempt >= MAX_REREADS) throw error;
        this.#movedOn(error);
      }
    }
  }
  async #runOnce(options, fetched) {
    const recovered = await recoverUnpushed(this.#deps.repo, this.#deps.reporter, fetched);
    let progress = await this.progress();
    let readNow = true;
    const image = options.image;
    if (recovered && progress && !isFinished(progress) && (image === void 0 || image === progress.image)) {
      const unsynced = await this.#syncedOrRolledBack(progress, progress.stepIndex);
      if (unsynced) return unsynced;
      readNow = false;
      if (options.once)
        return this.#done(
          "stepped",
          `step ${progress.stepIndex}/${this.total} pushed (left by an interrupted run)`,
          progress
        );
    }
    if (image !== void 0) {
      if (progress === void 0 || isFinished(progress)) {
        if (progress && progress.image === image) {
          return this.#finishedResult(progress);
        }
        progress = await this.#start(image, progress, "start");
        const unsynced = await this.#syncedOrRolledBack(progress, 0);
        if (unsynced) return unsynced;
        readNow = false;
        if (options.once) return this.#done("stepped", `started release of ${image}`, progress);
      } else if (progress.image !== image) {
        if (!this.#plan.supersede) {
          throw new GitcanaryError("RELEASE_STATE", `release of ${progress.image} is in progress`, {
            hint: "wait for it, `gitcanary abort` it, or allow superseding (remove --no-supersede)"
          });
        }
        progress = await this.#start(image, progress, "supersede");
        const unsynced = await this.#syncedOrRolledBack(progress, 0);
        if (unsynced) return unsynced;
        readNow = false;
        if (options.once)
          return this.#done("stepped", `superseded with ${image}, restarted at step 0`, progress);
      } else {
        this.#assertSamePlan(progress);
        this.#announce(progress, "resume");
      }
    } else {
      if (progress === void 0) {
        throw new GitcanaryError("RELEASE_STATE", "no release in progress", {
          hint: "pass --image to start one"
        });
      }
      if (isFinished(progress)) return this.#finishedResult(progress);
      this.#assertSamePlan(progress);
      this.#announce(progress, "resume");
    }
    return this.#advance(progress, options.once, readNow ? await this.#positionOf(progress) : void 0);
  }
  /**
   * `promote`, as `kubectl argo rollouts promote`: ends the pause the release is in — indefinite or
   * timed — or lets it go on past an analysis that ran and was inconclusive; it never skips an
   * analysis that has not run. The resume commit carries the evidence recorded since the last commit
   * and who promoted (`by`). `--full` skips every remaining step and promotes now, in one commit.
   */
  async promote(full, by) {
    return this.#rereading(() => this.#promoteOnce(full, by));
  }
  async #promoteOnce(full, by) {
    const position = await this.#activePosition();
    const { progress, passes } = position;
    const evidence = passes.flatMap((pass) => pass.gates);
    if (full) {
      const images = imagesOf(progress);
      const state = promotedState(stateAt(this.#plan.steps, progress.stepIndex, images), images);
      const { targets, skipped } = await this.#writable(progress, state, "promote --full");
      const next2 = await this.#writer.commit(progress, {
        index: this.total,
        state,
        action: "promote",
        summary: "promote (full)",
        gates: evidence,
        failedChecks: failedChecks(position),
        promotedBy: by,
        ...targets ? { targets } : {}
      });
      return this.#finish(next2, targets, skipped.length === 0 ? "" : `; not written (${skipped.join("; ")})`);
    }
    this.#assertSamePlan(progress);
    const next = nextAction(this.#plan, position, this.#clock.now());
    const promotable = next.kind === "paused" || next.kind === "wait" && next.reason === "pause";
    if (!promotable) {
      const index = "index" in next ? next.index : progress.stepIndex + 1;
      throw new GitcanaryError("RELEASE_STATE", `step ${index} is not a pause`, {
        hint: `the release is at ${describeNext(next, this.#plan.steps)}; promote ends a pause and never skips an analysis that has not run; \`promote --full\` skips every remaining step`
      });
    }
    const resumed = await this.#writer.commit(progress, {
      index: next.index,
      state: stateAt(this.#plan.steps, next.index, imagesOf(progress)),
      action: "resume",
      summary: `resume after ${this.#plan.steps[next.index - 1].summary}`,
      gates: evidence,
      allowEmpty: true,
      failedChecks: failedChecks(position),
      promotedBy: by
    });
    return this.#done("stepped", `resumed after step ${next.index}`, resumed);
  }
  /** `abort`: one rollback commit, stable-only traffic. */
  async abort() {
    return this.#rereading(() => this.#abortOnce());
  }
  async #abortOnce() {
    const position = await this.#activePosition();
    const { progress } = position;
    const images = imagesOf(progress);
    const state = rolledBackState(
      stateAt(this.#plan.steps, progress.stepIndex, images),
      images,
      "RolledBack"
    );
    const { targets, skipped } = await this.#writable(progress, state, "abort");
    const next = await this.#rollback(position, "abort", [], false, targets);
    await this.#settleProposal({ progress: next, passes: [] });
    const left = skipped.length === 0 ? "" : `; not restored (${skipped.join("; ")})`;
    return this.#done(
      "aborted",
      `aborted release of ${progress.image}; traffic is back on ${progress.stableImage ?? "stable"}${left}`,
      next
    );
  }
  /**
   * The targets an `abort` or `promote --full` can still write when a person broke one mid-release
   * (deleted the route file, the canary backend…): those are skipped with a warning naming what is
   * missing, so the release can always be ended. `promote --full` refuses when a workload is broken:
   * it would say Promoted while the stable workload does not run the candidate.
   */
  async #writable(progress, state, command) {
    const broken = await brokenTargets(this.#plan.targets, this.#deps.repo.root, state);
    if (broken.length === 0) return { targets: void 0, skipped: [] };
    const named = broken.map(({ bound, error }) => `${bound.target.key} (${bound.role}): ${error.format()}`);
    const workload = broken.find(({ bound }) => bound.target.family === "workload");
    if (command === "promote --full" && workload !== void 0) {
      throw new GitcanaryError("RELEASE_STATE", `cannot promote ${progress.image}: ${named.join("; ")}`, {
        ...workload.error.place,
        hint: `restore it (e.g. \`git checkout ${progress.startCommit.sha.slice(0, 12)} -- <file>\`), or end the release with \`gitcanary abort\`, which restores what it still can`
      });
    }
    for (const { bound, error } of broken) {
      this.#deps.reporter.event({
        type: "warning",
        field: `${bound.target.key} (${bound.role})`,
        message: `${error.format()}; ${command} skips this target and writes the others`
      });
    }
    const skippedTargets = new Set(broken.map(({ bound }) => bound));
    return { targets: this.#plan.targets.filter((bound) => !skippedTargets.has(bound)), skipped: named };
  }
  async #activePosition() {
    await this.#deps.repo.fetch?.({ reuseOpen: true });
    await recoverUnpushed(this.#deps.repo, this.#deps.reporter, true);
    const progress = await this.progress();
    if (progress === void 0 || isFinished(progress)) {
      throw new GitcanaryError("RELEASE_STATE", "no release in progress", {
        hint: progress ? `the last release (${progress.image}) ended with ${progress.action}` : "start one with `run --image`"
      });
    }
    return this.#positionOf(progress);
  }
  /** The records noted on the release's newest commit, as the last fetch brought them. */
  async #positionOf(progress) {
    const sha = progress.lastCommit.sha;
    return { progress, passes: readPasses(await this.#deps.repo.readNote(sha), progress.releaseId, sha) };
  }
  /** Where the release stands on the remote now: fetched, then read from its commits and notes. */
  async #read() {
    await this.#deps.repo.fetch?.();
    const progress = await this.progress();
    return progress === void 0 ? void 0 : this.#positionOf(progress);
  }
  /** Notes a check pass on the release's newest commit, where every process reads it. */
  async #record(progress, pass) {
    const sha = progress.lastCommit.sha;
    await this.#deps.repo.updateNote(sha, (text) => appendPass(text, progress.releaseId, sha, pass));
  }
  /**
   * The trailers say only `i/N` and the weight, and the next step is read from the config: steps
   * changed since the release started would resume at another step (or past the promotion).
   */
  #assertSamePlan(progress) {
    const planned = stateAt(this.#plan.steps, progress.stepIndex, imagesOf(progress)).canaryWeight;
    if (progress.total === this.total && planned === progress.weight) return;
    const why = progress.total !== this.total ? `it was planned with ${progress.total} steps, the config has ${this.total}` : `it is at ${progress.weight}% after step ${progress.stepIndex}, the config's steps say ${planned}%`;
    throw new GitcanaryError(
      "RELEASE_STATE",
      `the config's steps changed since the release started: ${why}`,
      {
        hint: "restore the steps it started with, or end it with `gitcanary abort` or `gitcanary promote --full`"
      }
    );
  }
  async #start(image, previous, action) {
    const head = await this.#deps.repo.head();
    let images;
    if (action === "supersede" && previous) {
      images = {
        canaryImage: image,
        stableImage: previous.stableImage,
        previousCanaryImage: previous.previousCanaryImage,
        baselineScale: previous.baselineScale
      };
    } else {
      images = imagesFromObservation(image, await this.#observe());
    }
    checkPlannedTrees(this.#plan, await loadTargetTree(this.#plan.targets, this.#deps.repo.root), images);
    const releaseId = createHash2("sha256").update(`${image}
${head.sha}`).digest("hex").slice(0, 12);
    const pseudo = {
      releaseId,
      image,
      stableImage: images.stableImage,
      previousCanaryImage: images.previousCanaryImage,
      baselineScale: images.baselineScale,
      stepIndex: 0,
      total: this.total,
      phase: "Progressing",
      weight: 0,
      action,
      failedChecks: 0,
      lastCommit: { sha: head.sha, time: head.time, subject: "", trailers: {} },
      startCommit: { sha: head.sha, time: head.time, subject: "", trailers: {} }
    };
    this.#deps.reporter.event({
      type: "release",
      action,
      release: this.#plan.name,
      releaseId,
      image,
      steps: this.total,
      ...action === "supersede" && previous ? { message: `supersedes ${previous.image} at step ${previous.stepIndex}/${previous.total}` } : {}
    });
    return this.#writer.commit(pseudo, {
      index: 0,
      state: startState(images),
      action,
      summary: action === "supersede" ? `supersede ${previous?.image ?? ""} with ${image}` : `start canary of ${image}`,
      gates: [],
      allowEmpty: true,
      // The release this one follows must still be the newest: two starts never both land.
      after: previous?.lastCommit.sha ?? null,
      // A new candidate starts a new count (Flagger resets failedChecks on a new revision).
      failedChecks: 0
    });
  }
  /**
   * The state machine: read where the release stands from the remote (its commits and the records
   * noted on the newest), ask nextAction what happens next, do it, and read again — until the
   * release ends, waits for a person, or (`step`) made its one commit or must wait. Reading Git on
   * every turn is what makes `run` and `step` count and time everything alike.
   */
  async #advance(start, once, first) {
    let announced = start.stepIndex;
    let known = start;
    let waitingFor;
    let settled;
    let current = first;
    for (; ; ) {
      const read = current ?? await this.#readRenewing();
      current = void 0;
      if (read !== void 0 && read.progress.releaseId === known.releaseId && read.progress.lastCommit.sha !== settled) {
        settled = read.progress.lastCommit.sha;
        const unsynced = await this.#settleProposal(read);
        if (unsynced) return unsynced;
      }
      const seen = observeRelease(drivenOf(known), read);
      if (seen.kind === "stop") return this.#stopped(seen);
      const { position } = seen;
      const { progress } = position;
      if (seen.moved) announced = progress.stepIndex;
      known = progress;
      const next = nextAction(this.#plan, position, this.#clock.now());
      if ("index" in next && announced < next.index) {
        announced = next.index;
        this.#deps.reporter.event({
          type: "step",
          index: next.index,
          total: this.total,
          summary: this.#plan.steps[next.index - 1].summary
        });
      }
      try {
        if (next.kind === "paused" && next.reason === "pause" && this.#deps.approval) {
          const outcome = await this.#propose(position, next.index, once);
          if (outcome) return outcome;
          continue;
        }
        if (next.kind === "paused") {
          const message = next.reason === "pause" ? `paused at step ${next.index}/${this.total} until \`gitcanary promote\`` : `analysis at step ${next.index} is inconclusive; \`gitcanary promote\` to go on or \`abort\``;
          return this.#done("paused", message, progress);
        }
        if (next.kind === "wait") {
          const key = `${progress.lastCommit.sha} ${next.index} ${next.until.toISOString()}`;
          if (key !== waitingFor) {
            waitingFor = key;
            const step = this.#plan.steps[next.index - 1];
            const reason = next.reason === "pause" ? step.summary : `failed check ${failedChecks(position)}/${this.#plan.checks?.threshold ?? 1} at step ${next.index}: the weight holds until the next check`;
            this.#deps.reporter.event({ type: "wait", reason, until: next.until.toISOString() });
          }
          if (once) {
            const message = next.reason === "pause" ? `pause until ${next.until.toISOString()}` : `step ${next.index} checks again at ${next.until.toISOString()}`;
            return this.#done("waiting", message, progress);
          }
          await this.#sleepTowards(next.until);
          continue;
        }
        if (next.kind === "done") return await this.#finish(progress);
        if (next.kind === "rollback") {
          return await this.#rollBackFor(
            position,
            [],
            `${next.failedChecks} failed checks reached the threshold ${next.threshold}`
          );
        }
        if (next.kind === "analysis") {
          const outcome = await this.#analyse(position, next.index, once);
          if (outcome === "again") announced = next.index - 1;
          else if (outcome !== void 0) return outcome;
          continue;
        }
        if (this.#deps.approval?.everyStep) {
          const outcome = await this.#propose(position, next.index, once);
          if (outcome) return outcome;
          continue;
        }
        const committed = await this.#commitStep(position, next.index);
        if ("outcome" in committed) return committed;
        known = committed;
        if (once) return this.#done("stepped", `step ${next.index}/${this.total} committed`, committed);
      } catch (error) {
        if (!isTipMoved(error)) throw error;
        this.#movedOn(error);
      }
    }
  }
  /**
   * Where the release stands on the remote now, and what that means for the driver that last
   * knew `known`: the one place a driver learns what other processes did (abort, promote, a newer
   * image, a step), before every commit and once per watch interval while it waits.
   */
  async #reread(known) {
    return observeRelease(drivenOf(known), await this.#readRenewing());
  }
  /** The release as the remote has it now, renewing this driver's lease on the way. */
  async #readRenewing() {
    await this.#lease.renew();
    return this.#read();
  }
  /** The result of a release another process ended (or replaced); a promotion not yet finished is. */
  async #stopped(seen) {
    const { progress } = seen;
    if (seen.outcome === "promoted" && progress?.action === "promote") {
      try {
        const finished = await this.#finishCommit(progress);
        if (finished !== progress) return this.#done("promoted", `${progress.image} promoted`, finished);
      } catch (error) {
        if (!isGitcanaryError(error) || error.code === "INTERRUPTED") throw error;
        this.#deps.reporter.event({ type: "progress", message: `not finished here: ${error.message}` });
      }
    }
    return this.#done(seen.outcome, seen.message, progress);
  }
  /** Sleeps until `until`, or one watch interval when that is sooner: the caller reads again. */
  async #sleepTowards(until) {
    const left = until.getTime() - this.#clock.now().getTime();
    await this.#clock.sleep(Math.max(0, Math.min(left, this.#watchIntervalMs)), this.#signal);
  }
  /**
   * Runs `wait` (gates measuring over time, a sync poll) with a clock that reads the release again
   * once per watch interval of its sleeps: when another process moved or ended the release, the
   * wait is cut short (its signal aborts) and what was seen is returned instead of its answer.
   */
  async #watching(known, wait) {
    const moved = new AbortController();
    const signal = AbortSignal.any([this.#signal, moved.signal]);
    let seen;
    let lost;
    let last = this.#clock.now().getTime();
    const clock = {
      now: () => this.#clock.now(),
      // Slept in watch intervals at most, the release read again after each: a 5m sync delay or a
      // 10m analysis interval still notices an abort within one.
      sleep: async (ms, sleepSignal) => {
        let left = Math.max(0, ms);
        do {
          const chunk = Math.min(left, this.#watchIntervalMs);
          await this.#clock.sleep(chunk, sleepSignal);
          left -= chunk;
          if (this.#clock.now().getTime() - last < this.#watchIntervalMs || seen !== void 0) continue;
          last = this.#clock.now().getTime();
          const now = await this.#reread(known).catch((error) => {
            if (isGitcanaryError(error) && error.code === "RELEASE_STATE") lost = error;
            return void 0;
          });
          if (lost !== void 0) {
            moved.abort(lost);
            throw lost;
          }
          if (now === void 0 || now.kind === "continue" && !now.moved) continue;
          seen = now;
          moved.abort(new GitcanaryError("INTERRUPTED", "the release moved on in another process"));
          sleepSignal?.throwIfAborted();
          return;
        } while (left > 0);
      }
    };
    try {
      const answer = await wait(clock, signal);
      if (lost !== void 0) throw lost;
      return seen === void 0 ? { answer } : { seen };
    } catch (error) {
      if (lost !== void 0) throw lost;
      if (seen !== void 0 && !this.#signal.aborted) return { seen };
      throw error;
    }
  }
  /** A lost compare-and-swap, reported; the caller reads the release again. */
  #movedOn(error) {
    this.#deps.reporter.event({
      type: "progress",
      message: `${error.message}; reading the release again`
    });
  }
  /**
   * One check pass of the analysis at `index`, and what its verdict does: a pass is recorded and
   * the release goes on; a failed check (Flagger) is recorded and holds the weight, or rolls back
   * when the failed checks reach the threshold; any other failure rolls back; inconclusive is
   * recorded and pauses; an unconfirmed confirmation asks again after an interval (`again`).
   */
  async #analyse(position, index, once) {
    const { progress } = position;
    const step = this.#plan.steps[index - 1];
    if (step.kind !== "analysis") throw new GitcanaryError("INTERNAL", `step ${index} is not an analysis`);
    const checks = isCheckPass(this.#plan, index);
    const watched = await this.#watching(
      progress,
      (clock, signal) => this.#gates.pass(step.gates, { ...this.#gateContext(progress, index), clock, signal }, { checks })
    );
    if ("seen" in watched) return void 0;
    const pass = watched.answer;
    const gates = pass.results.map(evidenceOf);
    const at = this.#clock.now().toISOString();
    if (pass.verdict === "wait") {
      const until = new Date(this.#clock.now().getTime() + retryInterval(this.#plan, index));
      this.#deps.reporter.event({
        type: "wait",
        reason: `confirmation webhooks at step ${index}`,
        until: until.toISOString()
      });
      if (once) return this.#done("waiting", `step ${index} waits for its confirmation webhooks`, progress);
      while (this.#clock.now() < until) {
        await this.#sleepTowards(until);
        const seen = await this.#reread(progress);
        if (seen.kind === "stop" || seen.moved) return void 0;
      }
      return "again";
    }
    const { verdict } = pass;
    if (verdict === "rollback") {
      return this.#rollBackFor(
        position,
        gates,
        `a rollback webhook asked for it at step ${index}/${this.total}`
      );
    }
    if (verdict === "fail") {
      const threshold = checks ? this.#plan.checks?.threshold ?? 1 : 1;
      const failed = failedChecks(position) + 1;
      if (!checks) return this.#rollBackFor(position, gates, `gate failed at step ${index}/${this.total}`);
      if (failed >= threshold) {
        return this.#rollBackFor(
          position,
          gates,
          `${failed} failed checks reached the threshold ${threshold} at step ${index}/${this.total}`,
          true
        );
      }
      this.#deps.reporter.event({
        type: "progress",
        message: `failed check ${failed}/${threshold}: the weight stays at ${progress.weight}%`
      });
    }
    await this.#record(progress, { step: index, at, verdict, gates });
    return void 0;
  }
  /** The commit of the step at `index`: the progress after it, or a result when the release ended there. */
  async #commitStep(position, index) {
    const step = this.#plan.steps[index - 1];
    const progress = await this.#writer.commit(position.progress, this.#stepRequest(position, index));
    const unsynced = await this.#syncedOrRolledBack(progress, index);
    if (unsynced) return unsynced;
    if (step.kind !== "promote") return progress;
    await this.#afterPromotion(index, progress);
    return this.#finish(progress);
  }
  /**
   * The commit of step `index`: its State, with the evidence since the last commit. A pause's own
   * index is its resume marker (what a pull request carries when no change follows the pause).
   */
  #stepRequest(position, index) {
    const step = this.#plan.steps[index - 1];
    const images = imagesOf(position.progress);
    const common = {
      index,
      gates: position.passes.flatMap((pass) => pass.gates),
      allowEmpty: true,
      failedChecks: failedChecks(position)
    };
    if (step.kind === "pause") {
      return {
        ...common,
        state: stateAt(this.#plan.steps, index, images),
        action: "resume",
        summary: `resume after ${step.summary}`
      };
    }
    return {
      ...common,
      state: stateForStep(this.#plan.steps, index, images),
      action: step.kind === "promote" ? "promote" : "step",
      summary: step.summary,
      ...step.kind === "promotePrimary" || step.kind === "shift" ? { phase: "Promoting" } : {}
    };
  }
  // ── Pull-request promotion (deps.approval, src/promotion/) ─────────────────────────────────
  // The manual step at `at` becomes a change request carrying the commit the release makes next;
  // what becomes of it (merged, closed, `/gitcanary` commands) decides, and the release is read
  // from Git again after every poll, so a `gitcanary promote` or `abort` elsewhere wins as well.
  /** The change request of the manual step at `at`: opened, polled (`run`), and acted on. */
  async #propose(position, at, once) {
    const approval = this.#deps.approval;
    const { progress } = position;
    const index = proposedIndex(this.#plan.steps, at);
    const { proposal, request } = this.#proposal(position, index);
    for (let polls = 0; ; polls++) {
      const state = await approval.check(proposal);
      const event = (action) => this.#deps.reporter.event({
        type: "pull-request",
        action,
        reference: state.reference,
        url: state.url,
        index,
        message: state.reason
      });
      if (state.kind === "waiting") {
        if (polls === 0) event(state.opened ? "opened" : "waiting");
        if (once) return this.#done("paused", `${state.reason} (${state.url})`, progress);
        const until = new Date(this.#clock.now().getTime() + approval.pollDelay(polls));
        if (polls === 0) this.#deps.reporter.event({ type: "wait", reason: state.reason });
        await sleepUntil(this.#clock, until, this.#signal);
        const again = await this.#read();
        if (again?.progress.lastCommit.sha !== progress.lastCommit.sha) return void 0;
        continue;
      }
      if (state.kind !== "approved" || state.via !== "merge") event(state.kind);
      if (state.kind === "refused") {
        throw new GitcanaryError("RELEASE_STATE", state.reason, { hint: state.hint });
      }
      if (state.kind === "aborted") {
        const rolledBack = await this.#rollback(position, "abort", []);
        await approval.settle(
          proposal,
          `${state.reason}: rolled back in ${rolledBack.lastCommit.sha.slice(0, 7)}`
        );
        await this.#afterRollback(rolledBack);
        return this.#done(
          "aborted",
          `${state.reason}; rolled back to ${progress.stableImage ?? "stable"}`,
          rolledBack
        );
      }
      if (state.via === "merge") {
        const landed = await this.#read();
        if (landed?.progress.lastCommit.sha !== progress.lastCommit.sha) return void 0;
        await this.#writer.commit(progress, { ...request, promotedBy: state.by });
        return void 0;
      }
      const committed = await this.#writer.commit(progress, { ...request, promotedBy: state.by });
      return this.#syncedOrRolledBack(committed, index);
    }
  }
  /** The proposal of step `index`'s commit, made from where the release stands (`position`). */
  #proposal(position, index) {
    const { progress } = position;
    const request = this.#stepRequest(position, index);
    const images = imagesOf(progress);
    const proposal = {
      release: this.#plan.name,
      releaseId: progress.releaseId,
      index,
      total: this.total,
      base: this.#plan.branch,
      title: proposalTitle(this.#plan.name, this.#plan.steps, progress.stepIndex, index, images),
      push: async (branch) => (await this.#writer.commit(progress, request, { pushTo: branch })).lastCommit.sha,
      body: async (sha) => {
        const diff = await this.#deps.repo.diff?.(`${sha}~1`, sha) ?? "";
        return renderFile(
          "pull-request",
          proposalView({
            name: this.#plan.name,
            steps: this.#plan.steps,
            progress,
            index,
            images,
            evidence: request.gates,
            diff
          })
        );
      },
      inspect: (branch) => this.#inspectProposal(branch, request.state, index)
    };
    return { proposal, request };
  }
  /**
   * After the release moved on: the change request of the step its newest commit made, if one
   * carried it, is closed or cleaned up; when it was merged, the reconciler must apply what
   * landed (the branch's tip: a merge commit or a squash) before anything else happens.
   */
  async #settleProposal(position) {
    const approval = this.#deps.approval;
    const { progress } = position;
    if (approval === void 0 || progress.action === "finish") return void 0;
    if (progress.action === "abort" || progress.action === "rollback") {
      const pending = pendingProposal(this.#plan.steps, progress.stepIndex, approval.everyStep);
      if (pending !== void 0) {
        await approval.settle(
          this.#proposal(position, pending).proposal,
          `the release ended with ${progress.action} in ${progress.lastCommit.sha.slice(0, 7)}`
        );
      }
      return void 0;
    }
    const index = progress.stepIndex;
    if (!isProposed(this.#plan.steps, index, approval.everyStep)) return void 0;
    const settled = await approval.settle(
      this.#proposal(position, index).proposal,
      `step ${index}/${this.total} is in ${this.#plan.branch} (${progress.lastCommit.sha.slice(0, 7)}); the release goes on`
    );
    if (settled !== void 0 && "refused" in settled) {
      throw new GitcanaryError("RELEASE_STATE", settled.refused.reason, { hint: settled.refused.hint });
    }
    if (settled?.merged !== true) return void 0;
    this.#deps.reporter.event({
      type: "pull-request",
      action: "approved",
      reference: settled.reference,
      url: settled.url,
      index,
      message: settled.reason
    });
    const tip = await this.#deps.repo.remoteTip?.() ?? progress.lastCommit.sha;
    return this.#syncedOrRolledBack({ ...progress, lastCommit: { ...progress.lastCommit, sha: tip } }, index);
  }
  /** Whether a change request's branch still holds what step `index` writes (a person pushed to it). */
  async #inspectProposal(branch, state, index) {
    const checkout = await this.#deps.repo.checkoutBranch?.(branch) ?? await this.#deps.repo.checkoutBranch?.(this.#plan.branch);
    if (checkout === void 0) return { isStepChange: false, differences: [`branch ${branch} is gone`] };
    try {
      const tree = await loadTargetTree(this.#plan.targets, checkout.root);
      const changes = applyState(this.#plan.targets, tree, state).changedFrom(tree);
      return {
        isStepChange: changes.length === 0,
        differences: changes.map((change) => `${change.file} does not say what step ${index} writes`)
      };
    } catch (error) {
      return { isStepChange: false, differences: [error instanceof Error ? error.message : String(error)] };
    } finally {
      await checkout.dispose();
    }
  }
  /** The rollback commit with the evidence since the last commit and `gates`, then the post-rollout hooks. */
  async #rollBackFor(position, gates, why, failedCheck = false) {
    const { progress } = position;
    const rolledBack = await this.#rollback(position, "rollback", gates, failedCheck);
    await this.#afterRollback(rolledBack);
    return this.#done("rolledBack", `${why}; rolled back to ${progress.stableImage ?? "stable"}`, rolledBack);
  }
  /**
   * Steps after the promote commit only notify (Flagger's post-rollout webhooks): the release is
   * promoted whatever they answer, so their verdicts are reported and not acted on.
   */
  async #afterPromotion(promoteIndex, progress) {
    for (let index = promoteIndex + 1; index <= this.total; index++) {
      const step = this.#plan.steps[index - 1];
      if (step.kind !== "analysis") continue;
      this.#deps.reporter.event({
        type: "step",
        index,
        total: this.total,
        summary: `${step.summary} (after promotion)`
      });
      const results = await this.#gates.evaluate(step.gates, this.#gateContext(progress, index, "Succeeded"));
      await this.#record(progress, {
        step: index,
        at: this.#clock.now().toISOString(),
        verdict: "pass",
        gates: results.map(evidenceOf)
      });
    }
  }
  /**
   * Flagger calls post-rollout hooks after a rollback too, with the phase Failed: the notifying
   * gates among the steps after promotion are called, to notify only.
   */
  async #afterRollback(progress) {
    const promoteAt = this.#plan.steps.findIndex((step) => step.kind === "promote");
    if (promoteAt < 0) return;
    const names = [];
    for (const step of this.#plan.steps.slice(promoteAt + 1)) {
      if (step.kind !== "analysis") continue;
      for (const name of step.gates) if (await this.#gates.effect(name) === "notify") names.push(name);
    }
    if (names.length === 0) return;
    const results = await this.#gates.evaluate(
      names,
      this.#gateContext(progress, progress.stepIndex, "Failed")
    );
    await this.#record(progress, {
      step: progress.stepIndex,
      at: this.#clock.now().toISOString(),
      verdict: "pass",
      gates: results.map(evidenceOf)
    });
  }
  /** After promotion: a last commit if targets restore anything (e.g. the Rollout's own steps). */
  async #finish(progress, targets, note = "") {
    const finished = await this.#finishCommit(progress, targets);
    return this.#done("promoted", `${progress.image} promoted${note}`, finished);
  }
  /** The finish commit, when the targets have anything to restore; else `progress` unchanged. */
  async #finishCommit(progress, targets) {
    return this.#writer.commit(progress, {
      ...targets ? { targets } : {},
      index: this.total,
      state: finishedState(imagesOf(progress)),
      action: "finish",
      summary: `finish release of ${progress.image}`,
      gates: [],
      failedChecks: progress.failedChecks
    });
  }
  /**
   * Waits until the reconciler applied the last commit; when it did not, commits the rollback and
   * returns the result. Also after the start commit: no gate sees the candidate before it runs, as
   * Flagger checks `canaryController.IsCanaryReady` before `runPreRolloutHooks`
   * (fluxcd/flagger pkg/controller/scheduler.go, advanceCanary).
   */
  async #syncedOrRolledBack(progress, index) {
    const watched = await this.#watching(
      progress,
      (clock, signal) => this.#waitForSync(progress, index, clock, signal)
    );
    if ("seen" in watched) return watched.seen.kind === "stop" ? this.#stopped(watched.seen) : void 0;
    const synced = watched.answer;
    if (synced.verdict === "pass") return void 0;
    const next = await this.#rollback({ progress, passes: [] }, "rollback", [evidenceOf(synced)]);
    await this.#afterRollback(next);
    return this.#done(
      "rolledBack",
      `sync of ${progress.lastCommit.sha.slice(0, 7)} failed; rolled back`,
      next
    );
  }
  async #waitForSync(progress, index, clock, signal) {
    const sync = this.#plan.sync;
    const pass = {
      gate: "sync",
      kind: "sync",
      verdict: "pass",
      message: "no sync configured",
      measurements: []
    };
    if (sync === void 0) return pass;
    if ("delayMs" in sync) {
      this.#deps.reporter.event({ type: "wait", reason: `reconciler delay ${sync.delayMs}ms` });
      await clock.sleep(sync.delayMs, signal);
      return { ...pass, message: `waited ${sync.delayMs}ms` };
    }
    const gate = await this.#deps.createGate("sync", sync.gate);
    const result = await gate.evaluate({
      ...this.#gateContext(progress, index, "Progressing"),
      clock,
      signal
    });
    throwIfInterrupted(signal);
    this.#deps.reporter.event({ type: "gate", result });
    return result;
  }
  #gateContext(progress, index, phase = "Progressing") {
    return {
      releaseName: this.#plan.name,
      namespace: this.#plan.namespace,
      commit: progress.lastCommit.sha,
      branch: this.#plan.branch,
      stepIndex: index,
      canaryWeight: progress.weight,
      canaryImage: progress.image,
      stableImage: progress.stableImage,
      canaryService: this.#plan.canaryService,
      stableService: this.#plan.stableService,
      route: this.#plan.route,
      baselineWorkload: this.#plan.baselineWorkload,
      baselineTraffic: this.#plan.baselineTraffic,
      phase,
      variables: this.#plan.variables,
      cwd: this.#plan.configDir,
      repoRoot: this.#deps.repo.root,
      signal: this.#signal,
      clock: this.#clock,
      progress: (message) => this.#deps.reporter.event({ type: "progress", message })
    };
  }
  async #rollback(position, action, gates, failedCheck = false, targets) {
    const { progress } = position;
    const images = imagesOf(progress);
    const current = stateAt(this.#plan.steps, progress.stepIndex, images);
    const request = {
      index: progress.stepIndex,
      state: rolledBackState(current, images, action === "abort" ? "RolledBack" : "Failed"),
      action,
      summary: action === "abort" ? `abort canary of ${progress.image}` : `roll back canary of ${progress.image}`,
      gates: [...position.passes.flatMap((pass) => pass.gates), ...gates],
      allowEmpty: true,
      failedChecks: failedChecks(position) + (failedCheck ? 1 : 0),
      ...targets ? { targets } : {}
    };
    return this.#writer.commit(progress, request);
  }
  async #observe() {
    return observeImages(this.#plan.targets, await loadTargetTree(this.#plan.targets, this.#deps.repo.root));
  }
  #announce(progress, action) {
    this.#deps.reporter.event({
      type: "release",
      action,
      release: this.#plan.name,
      releaseId: progress.releaseId,
      image: progress.image,
      steps: this.total,
      message: `at step ${progress.stepIndex}/${progress.total}, weight ${progress.weight}%`
    });
  }
  async #finishedResult(progress) {
    if (progress.action === "promote") {
      const finished = await this.#finishCommit(progress);
      if (finished !== progress) return this.#done("promoted", `${progress.image} promoted`, finished);
    }
    if (progress.action === "finish" || progress.action === "promote")
      return this.#done("noop", `${progress.image} is already promoted`, progress);
    return this.#done(
      progress.action === "abort" ? "aborted" : "rolledBack",
      `the release of ${progress.image} ended with ${progress.action}; push a new image to try again`,
      progress
    );
  }
  #done(outcome, message, progress) {
    const exitCode = EXIT_CODES[outcome];
    this.#deps.reporter.event({ type: "done", outcome, exitCode, message });
    return { outcome, exitCode, message, progress };
  }
};
function describeNext(next, steps) {
  if (!("index" in next)) return next.kind === "done" ? "its end" : "a rollback";
  const step = `step ${next.index} (${steps[next.index - 1]?.summary ?? "?"})`;
  if (next.kind === "wait") return `${step}, waiting until ${next.until.toISOString()}`;
  if (next.kind === "analysis") return `${step}, which has not run yet`;
  return step;
}
function imagesOf(progress) {
  return {
    canaryImage: progress.image,
    stableImage: progress.stableImage,
    previousCanaryImage: progress.previousCanaryImage,
    baselineScale: progress.baselineScale
  };
}
var MAX_REREADS = 20;
function isTipMoved(error) {
  return isGitcanaryError(error) && error.code === "GIT_TIP_MOVED";
}
function drivenOf(progress) {
  return { releaseId: progress.releaseId, image: progress.image, newest: progress.lastCommit.sha };
}

// src/engine/setup.ts
function releaseInput(loaded, options = {}) {
  const { config } = loaded;
  const { spec } = config;
  const plan = planRelease(config);
  const targets = [
    ...bind(spec.workload, "canary", "spec.workload"),
    ...bind(spec.stable ?? {}, "stable", "spec.stable"),
    ...bind(spec.baseline ?? {}, "baseline", "spec.baseline"),
    ...spec.traffic.flatMap((block, index) => bind(block, "canary", `spec.traffic[${index}]`))
  ];
  const routerVariables = {};
  for (const bound of [...targets].reverse()) {
    if (bound.target.family === "traffic")
      Object.assign(routerVariables, bound.target.gateVariables?.(bound.config));
  }
  let sync;
  if (spec.sync?.delay !== void 0) sync = { delayMs: parseDuration(spec.sync.delay, "spec.sync.delay") };
  else if (spec.sync?.argocd !== void 0) {
    const declared = [...new Set(targets.flatMap((bound) => bound.target.acceptHealth ?? []))];
    const acceptHealth = spec.sync.argocd.acceptHealth ?? (declared.length > 0 ? ["Healthy", ...declared] : void 0);
    sync = { gate: { sync: { argocd: { ...spec.sync.argocd, ...acceptHealth ? { acceptHealth } : {} } } } };
  } else if (spec.sync?.flux !== void 0) sync = { gate: { sync: { flux: spec.sync.flux } } };
  return {
    name: config.metadata.name,
    namespace: config.metadata.namespace,
    branch: spec.git.branch,
    targets,
    steps: plan.steps,
    gates: plan.gates,
    checks: plan.checks,
    sync,
    supersede: options.supersede ?? spec.options.supersede,
    maxPushAttempts: spec.options.maxPushAttempts,
    variables: routerVariables,
    configDir: loaded.dir,
    canaryService: routerVariables.canaryService,
    stableService: routerVariables.stableService,
    route: routerVariables.route,
    baselineWorkload: describeTargets(spec.baseline),
    baselineTraffic: targets.flatMap((bound) => {
      const backend = bound.target.router?.baselineBackend?.(bound.config);
      return backend === void 0 ? [] : [`${bound.target.key} \u2192 ${backend}`];
    }),
    jobUrl: ciJob(options.env)?.url
  };
}
function bind(block, role, field) {
  return Object.entries(block).filter(([, config]) => config !== void 0).map(([key, config]) => {
    const target = targetFor(key);
    if (!target)
      throw new GitcanaryError("CONFIG_INVALID", `unknown target ${key}`, { field: `${field}.${key}` });
    return { target, config, role };
  });
}
function describeTargets(block) {
  if (block === void 0) return void 0;
  const parts = Object.entries(block).filter(([, config]) => config !== void 0).map(([key, config]) => {
    const where = config.path ?? config.file;
    return typeof where === "string" ? `${key} ${where}` : key;
  });
  return parts.length === 0 ? void 0 : parts.join(", ");
}

// src/report/commit-evidence.ts
var EVIDENCE_LINE = /^- (.+?) \(([^()]*)\): (pass|fail|inconclusive)(?: value=(.*?))?(?: threshold (.*?))? — (.*)$/;
function parseGateEvidence(message) {
  const lines = message.split(/\r?\n/);
  const start = lines.indexOf("Gate evidence:");
  if (start < 0) return [];
  const evidence = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    const match = EVIDENCE_LINE.exec(line);
    const last = evidence.at(-1);
    if (match === null) {
      if (last === void 0) break;
      last.message += `
${line.trim()}`;
      continue;
    }
    const [, gate = "", kind = "", verdict = "inconclusive", value, threshold, text = ""] = match;
    evidence.push({ gate, kind, verdict, value, threshold, message: text });
  }
  return evidence;
}

// src/engine/status.ts
function judgmentsOf(commits) {
  const newest = /* @__PURE__ */ new Map();
  for (const commit of commits) {
    for (const gate of commit.gates) {
      const table = gate.kind === "judge" ? parseJudgment(gate.message) : void 0;
      if (table === void 0 || table.rows.length === 0) continue;
      newest.set(gate.gate, {
        gate: gate.gate,
        verdict: gate.verdict,
        commit: commit.sha,
        step: commit.step,
        table
      });
    }
  }
  return [...newest.values()];
}
function weightDisagreement(manifests) {
  const weights = manifests.filter((m) => m.role === "canary" && m.observed.canaryWeight !== void 0);
  if (new Set(weights.map((m) => m.observed.canaryWeight)).size <= 1) return void 0;
  return weights.map((m) => `${m.target} ${m.observed.canaryWeight}%`).join(", ");
}
async function releaseStatus(input, repo, options = {}) {
  const now = options.now ?? /* @__PURE__ */ new Date();
  await repo.fetch?.({ reuseOpen: true });
  const history = await repo.releaseHistory(input.name, { limit: 200 });
  const progress = readOwnProgress(history, input.name, targetsFingerprint(input.targets));
  const manifests = (await observeEach(input.targets, repo.root)).map(({ key, role, observed, missing }) => ({
    target: key,
    role,
    observed,
    ...missing === void 0 ? {} : { missing }
  }));
  const total = input.steps.length;
  const disagreement = weightDisagreement(
    manifests.filter((_, index) => input.targets[index]?.target.family === "traffic")
  );
  const steps = planOf(input.steps);
  const base = { release: input.name, namespace: input.namespace, total, steps, manifests, disagreement };
  if (!progress) return { ...base, state: "none", commits: [], passes: [] };
  const finished = isFinished(progress);
  let next = { kind: "done" };
  let failed = progress.failedChecks;
  let passes = [];
  if (!finished) {
    const sha = progress.lastCommit.sha;
    const position = { progress, passes: readPasses(await repo.readNote(sha), progress.releaseId, sha) };
    failed = failedChecks(position);
    passes = position.passes.map((pass) => ({ step: pass.step, verdict: pass.verdict, at: pass.at }));
    next = statusNext(nextAction(input, position, now));
  }
  const state = finished ? "finished" : next.kind === "paused" ? "paused" : "progressing";
  const message = options.evidence === true ? repo.message?.bind(repo) : void 0;
  const commits = [];
  for (const commit of history.filter((c) => c.trailers[TRAILER.releaseId] === progress.releaseId).reverse())
    commits.push(await statusCommit(commit, message));
  const judgments = judgmentsOf(commits);
  return {
    ...base,
    state,
    releaseId: progress.releaseId,
    image: progress.image,
    // After promotion the candidate is what stable runs; the trailer keeps what the release started from.
    stableImage: progress.action === "promote" || progress.action === "finish" ? progress.image : progress.stableImage,
    phase: state === "paused" ? "Paused" : progress.phase,
    action: progress.action,
    step: progress.stepIndex,
    weight: progress.weight,
    nextStep: "index" in next ? input.steps[next.index - 1]?.summary : void 0,
    next,
    waitingUntil: next.kind === "wait" ? next.until : void 0,
    ...input.checks === void 0 ? {} : { failedChecks: failed, threshold: input.checks.threshold },
    lastCommit: {
      sha: progress.lastCommit.sha,
      time: progress.lastCommit.time,
      subject: progress.lastCommit.subject
    },
    commits,
    passes,
    ...judgments.length === 0 ? {} : { judgments }
  };
}
function statusNext(next) {
  switch (next.kind) {
    case "wait":
      return { kind: "wait", index: next.index, until: next.until.toISOString(), reason: next.reason };
    case "analysis":
      return { kind: "analysis", index: next.index };
    default:
      return next;
  }
}
function planOf(steps) {
  const images = { canaryImage: "", stableImage: void 0, previousCanaryImage: void 0 };
  return steps.map((step, i) => ({
    index: i + 1,
    kind: step.kind,
    summary: step.summary,
    weight: stateForStep(steps, i + 1, images).canaryWeight,
    ...step.kind === "analysis" ? { gates: [...step.gates] } : {}
  }));
}
async function statusCommit(commit, message) {
  const step = /^(\d+)\//.exec(commit.trailers[TRAILER.step] ?? "");
  return {
    sha: commit.sha,
    time: commit.time,
    subject: commit.subject,
    step: Number(step?.[1] ?? 0),
    action: commit.trailers[TRAILER.action] ?? "step",
    phase: commit.trailers[TRAILER.phase] ?? "",
    weight: Number(commit.trailers[TRAILER.weight] ?? 0),
    gates: message === void 0 ? [] : parseGateEvidence(await message(commit.sha))
  };
}

// src/engine/validate.ts
async function validateRelease(input, root) {
  const tree = await loadTargetTree(input.targets, root);
  const targets = observeAll(input.targets, tree).map(({ key, role, observed }) => ({
    target: key,
    role,
    observed
  }));
  const gates = [];
  for (const [name, config] of Object.entries(input.gates)) {
    await createGate(name, config);
    gates.push(name);
  }
  if (input.sync && "gate" in input.sync) await createGate("sync", input.sync.gate);
  const image = targets.map((t) => t.observed.canaryImage ?? t.observed.stableImage).find((i) => i !== void 0);
  if (image === void 0) {
    throw new GitcanaryError("CONFIG_INVALID", "no workload target reports an image", {
      field: "spec.workload",
      hint: "check the image name in the kustomization or the Rollout container"
    });
  }
  await planDiffs(input, root, image);
  const lines = [
    ...targets.map((t) => `ok  ${t.target} (${t.role}): ${describe2(t.observed)}`),
    ...gates.map((name) => `ok  gate ${name}`),
    `ok  ${input.steps.length} steps apply to the manifests`
  ];
  return { valid: true, targets, gates, steps: input.steps.length, lines };
}
function describe2(observed) {
  return Object.entries(observed).filter(([, value]) => value !== void 0 && !(Array.isArray(value) && value.length === 0)).map(
    ([key, value]) => `${key}=${typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value)}`
  ).join(", ");
}

// src/cli/commands.ts
var RELEASE_COMMANDS = ["run", "step", "plan", "status", "promote", "abort", "validate"];
function answerOf(context, options) {
  if (context.answer) return context.answer.bind(context);
  return (type, value, text) => printOut(options.json ? JSON.stringify({ type, ...value }) : text());
}
var DEFAULT_AUTHOR = { name: "gitcanary", email: "gitcanary@users.noreply.github.com" };
async function runReleaseCommand(command, options, context) {
  if (command === "plan" && !options.image) {
    throw new GitcanaryError("USAGE", "plan needs the candidate image", { field: "image" });
  }
  registerSecret(options.token);
  const loaded = await loadConfig(options.config);
  const input = releaseInput(
    loaded,
    // Only an explicit refusal overrides the config's `options.supersede`.
    options.supersede === false ? { supersede: false } : {}
  );
  return withRepository(loaded, options, context, input, async (repo) => {
    const code = await perform(command, options, context, loaded, input, repo);
    await context.inspect?.({ loaded, input, repo });
    return code;
  });
}
async function perform(command, options, context, loaded, input, repo) {
  switch (command) {
    case "run":
    case "step": {
      if (options.image !== void 0) candidate(options.image);
      await checkGates(input.gates, repo.root, input.namespace);
      const forge = await forgeOf(loaded, options, context);
      const approval = approvalOf(forge, loaded);
      const reporter = withStatuses(forge, input, await notifying(context, loaded, input, true));
      return withEngine(
        input,
        repo,
        reporter,
        async (engine, warn) => {
          for (const warning2 of configWarnings(loaded.config, process.env)) warn(warning2);
          const warning = await readTargets(input, repo.root, options.image);
          if (warning) warn(warning);
          return engine.run({ image: options.image, once: command === "step" });
        },
        approval
      );
    }
    case "promote":
      return withEngine(
        input,
        repo,
        withStatuses(
          await forgeOf(loaded, options, context),
          input,
          await notifying(context, loaded, input, false)
        ),
        (engine) => engine.promote(options.full === true, actorFrom(process.env))
      );
    case "abort": {
      const forge = await forgeOf(loaded, options, context);
      return withEngine(
        input,
        repo,
        withStatuses(forge, input, await notifying(context, loaded, input, false)),
        (engine) => engine.abort(),
        approvalOf(forge, loaded)
      );
    }
    case "plan": {
      const answer = answerOf(context, options);
      for (const step of await planDiffs(input, repo.root, options.image)) {
        answer(
          "plan",
          step,
          () => [
            `# [${step.index}/${input.steps.length}] ${step.summary}${step.commits ? "" : " (no commit)"}`,
            ...step.diff ? [step.diff.trimEnd()] : []
          ].join("\n")
        );
      }
      return EXIT.ok;
    }
    case "status": {
      const now = /* @__PURE__ */ new Date();
      const status = await releaseStatus(input, repo, { now, evidence: true });
      context.observeStatus?.(status);
      answerOf(context, options)(
        "status",
        status,
        () => renderStatus(status, {
          now,
          color: colorEnabled(process.env, process.stdout.isTTY === true)
        }).trimEnd()
      );
      return EXIT.ok;
    }
    case "validate": {
      await checkGates(input.gates, repo.root, input.namespace);
      const report = await validateRelease(input, repo.root);
      const warnings = configWarnings(loaded.config, process.env);
      answerOf(context, options)(
        "validation",
        { ...report, warnings },
        () => [...report.lines, ...warnings.map((warning) => `warn ${warning.field}: ${warning.message}`)].join(
          "\n"
        )
      );
      return EXIT.ok;
    }
  }
}
async function notifying(context, loaded, input, strict) {
  if (!notifiesAnything(loaded.config, input.gates)) return () => context.reporter;
  const { withNotifications } = await import("./notify-M4X6GM3K.js");
  return (engine) => withNotifications(context.reporter, loaded, {
    gates: input.gates,
    strict,
    jobUrl: input.jobUrl,
    snapshot: async () => {
      const progress = await engine()?.progress();
      return progress && {
        step: { index: progress.stepIndex, total: progress.total },
        weight: progress.weight,
        phase: progress.phase,
        image: progress.image,
        stableImage: progress.stableImage,
        commit: progress.lastCommit.sha
      };
    }
  });
}
async function forgeOf(loaded, options, context) {
  const { spec } = loaded.config;
  if (spec.promotion?.pullRequest === void 0 && spec.forge === void 0) return void 0;
  const [{ createForge }, promotion] = await Promise.all([
    import("./forges-SP7DGOKR.js"),
    import("./promotion-375WPCWK.js")
  ]);
  const tokenEnv = spec.forge?.gitlab?.tokenEnv ?? spec.forge?.github?.tokenEnv;
  const fallback = options.token ? Object.fromEntries(
    [tokenEnv, "GITHUB_TOKEN", "GITLAB_TOKEN"].flatMap(
      (name) => name && !process.env[name] ? [[name, options.token]] : []
    )
  ) : {};
  const forge = createForge(
    spec.forge,
    { ...process.env, ...fallback },
    {
      onWait: (message) => context.reporter.event({ type: "progress", message })
    }
  );
  return { forge, release: loaded.config.metadata.name, promotion };
}
function approvalOf(forge, loaded) {
  const pullRequest = loaded.config.spec.promotion?.pullRequest;
  return forge && pullRequest ? new forge.promotion.ChangeRequestApproval(forge.forge, pullRequest) : void 0;
}
function withStatuses(forge, input, makeReporter) {
  if (forge === void 0) return makeReporter;
  return (engine) => new forge.promotion.CommitStatusReporter(
    makeReporter(engine),
    forge.forge,
    input.name,
    async () => (await engine()?.progress())?.lastCommit.sha
  );
}
async function withEngine(input, repo, makeReporter, act, approval) {
  let engine;
  const reporter = makeReporter(() => engine);
  const warn = (warning) => reporter.event({ type: "warning", ...warning });
  try {
    engine = new ReleaseEngine(input, {
      repo,
      reporter,
      createGate: (name, config) => createGate(name, config),
      // SIGINT/SIGTERM (src/cli/output.ts): waits stop, gate process groups are killed, no commit.
      // A cancelled workflow run sends SIGINT, then SIGTERM.
      signal: interruptSignal,
      approval,
      // The lease holder other drivers are told about: the CI job's page, else this process.
      holder: input.jobUrl ?? `${hostname()}:${process.pid}`
    });
    return (await act(engine, warn)).exitCode;
  } finally {
    await reporter.flush?.();
  }
}
function candidate(image) {
  try {
    parseImageRef(image);
  } catch (error) {
    if (!(error instanceof GitcanaryError)) throw error;
    throw new GitcanaryError(error.code, error.message, { field: "--image", hint: error.hint });
  }
}
async function readTargets(input, root, image) {
  const tree = await loadTargetTree(input.targets, root);
  observeAll(input.targets, tree);
  return image === void 0 ? void 0 : imageWarning(observeImages(input.targets, tree).canaryImage, image);
}
async function withRepository(loaded, options, context, input, use) {
  const { git } = loaded.config.spec;
  const fromEnv = git.tokenEnv === void 0 ? void 0 : secretFromEnv(git.tokenEnv);
  const token = fromEnv || options.token || void 0;
  const repo = await openRepository({
    repo: git.repo,
    branch: git.branch,
    author: git.author ?? DEFAULT_AUTHOR,
    ...token ? { token } : {},
    ...options.workdir ? { workdir: options.workdir } : {},
    paths: repositoryPaths(input),
    signing: signingOptions(git.signing),
    signal: interruptSignal
  });
  try {
    return await use(repo);
  } finally {
    await context.settle?.(() => releaseStatus(input, repo));
    await repo.close();
  }
}
function repositoryPaths(input) {
  const paths = input.targets.flatMap((bound) => [
    ...bound.target.files(bound.config),
    ...bound.target.ownedFiles?.(bound.config) ?? []
  ]);
  const gates = [
    ...Object.values(input.gates),
    ...input.sync && "gate" in input.sync ? [input.sync.gate] : []
  ];
  for (const gate of gates) {
    if (gate === null || typeof gate !== "object") continue;
    for (const block of Object.values(gate)) {
      const where = block !== null && typeof block === "object" ? block.path : void 0;
      if (typeof where === "string") paths.push(where);
    }
  }
  return [...new Set(paths)];
}
function signingOptions(signing) {
  if (signing === void 0) return void 0;
  if (signing.keyEnv === void 0) return { format: signing.format, key: signing.key };
  const value = secretFromEnv(signing.keyEnv);
  if (value === void 0 || value.trim() === "") {
    throw new GitcanaryError("CONFIG_INVALID", `${signing.keyEnv} is not set, so commits cannot be signed`, {
      field: "spec.git.signing.keyEnv",
      hint: "export the signing key (a path, a key id, or an ssh private key) in that variable"
    });
  }
  return value.includes("PRIVATE KEY-----") ? { format: signing.format, privateKey: value } : { format: signing.format, key: value.trim() };
}
export {
  RELEASE_COMMANDS,
  repositoryPaths,
  runReleaseCommand
};

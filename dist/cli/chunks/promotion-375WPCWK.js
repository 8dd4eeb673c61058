import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  commandAuthors,
  decidePromotion
} from "./chunk-HWCEY2HQ.js";
import "./chunk-34IGQYKH.js";
import {
  maskSecrets
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/promotion/change-requests.ts
var PROGRESS_MARK = "<!-- gitcanary:progress -->";
var SETTLED_MARK = "<!-- gitcanary:settled -->";
var replyMark = (id) => `<!-- gitcanary:reply:${id} -->`;
var FIRST_POLL_MS = 15e3;
var MAX_POLL_MS = 12e4;
function proposalBranch(proposal) {
  return `gitcanary/${proposal.release}/${proposal.releaseId}/step-${proposal.index}`;
}
var ChangeRequestApproval = class {
  everyStep;
  #forge;
  #config;
  constructor(forge, config) {
    this.#forge = forge;
    this.#config = config;
    this.everyStep = config.steps === "all";
  }
  pollDelay(polls) {
    return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.max(0, polls));
  }
  async check(proposal) {
    const head = proposalBranch(proposal);
    const found = await this.#forge.findChangeRequest({ head, base: proposal.base, state: "all" });
    if (found === void 0) return this.#open(proposal, head);
    const change = await this.#forge.getChangeRequest(found.number);
    const decision = await this.#decide(proposal, change);
    const where = { url: change.url, reference: referenceOf(change), reason: decision.reason };
    switch (decision.action) {
      case "wait":
        return { ...where, kind: "waiting", opened: false };
      case "continue":
        return { ...where, kind: "approved", via: decision.via, by: decision.by };
      case "abort":
        return { ...where, kind: "aborted", via: decision.via, by: decision.by };
      case "refuse":
        return { ...where, kind: "refused", hint: decision.hint };
    }
  }
  async settle(proposal, message) {
    const head = proposalBranch(proposal);
    const found = await this.#forge.findChangeRequest({ head, base: proposal.base, state: "all" });
    if (found === void 0) return void 0;
    const change = await this.#forge.getChangeRequest(found.number);
    const comments = await this.#forge.listComments(change.number);
    const progress = comments.find((comment) => comment.authorIsBot && comment.body.includes(PROGRESS_MARK));
    if (progress?.body.includes(SETTLED_MARK)) return void 0;
    let reason = `${referenceOf(change)} was ${change.state === "merged" ? "merged" : "left behind"}`;
    if (change.state === "merged") {
      const decision = await this.#decide(proposal, change);
      if (decision.action === "refuse") return { refused: { reason: decision.reason, hint: decision.hint } };
      reason = decision.reason;
    }
    if (change.state === "open") await this.#forge.closeChangeRequest(change.number);
    const text = `${PROGRESS_MARK}${SETTLED_MARK}
**gitcanary**: ${message}.`;
    if (progress) await this.#forge.updateComment(change.number, progress.id, text);
    else await this.#forge.comment(change.number, text);
    await this.#forge.deleteBranch(head);
    return { merged: change.state === "merged", reference: referenceOf(change), url: change.url, reason };
  }
  async #open(proposal, head) {
    const sha = await proposal.push(head);
    const change = await this.#forge.openChangeRequest({
      head,
      base: proposal.base,
      title: proposal.title,
      body: await proposal.body(sha),
      draft: this.#config.draft,
      labels: this.#config.labels,
      reviewers: this.#config.reviewers
    });
    const reference = referenceOf(change);
    await this.#forge.comment(
      change.number,
      `${PROGRESS_MARK}
**gitcanary**: step ${proposal.index}/${proposal.total} of ${proposal.release} waits for this ${kindOf(reference)}: merge it to go on, close it to abort.`
    );
    return {
      kind: "waiting",
      opened: true,
      url: change.url,
      reference,
      reason: `opened ${reference}: merge it to go on, close it to abort`
    };
  }
  /** What the change request says now: its commits, comments and commenters' permissions. */
  async #decide(proposal, change) {
    const comments = await this.#forge.listComments(change.number);
    const permissions = {};
    for (const author of commandAuthors(comments)) permissions[author] = await this.#forge.permission(author);
    const stepHead = await this.#stepHead(proposal, change);
    const headCheck = stepHead === change.head.sha || change.state === "closed" ? void 0 : await proposal.inspect(change.head.branch);
    const decision = decidePromotion({
      change,
      stepHead: stepHead ?? "",
      comments,
      permissions,
      headCheck
    });
    await this.#reply(change, comments, decision);
    return decision;
  }
  /**
   * The step's own commit: the newest commit of the change request carrying the release's id and
   * the step's index in its trailers (what gitcanary pushed, or its rebase by the forge).
   */
  async #stepHead(proposal, change) {
    const commits = await this.#forge.listCommits(change.number);
    const ours = commits.filter(
      (commit) => trailer(commit.message, "Gitcanary-Release-Id") === proposal.releaseId && trailer(commit.message, "Gitcanary-Step") === `${proposal.index}/${proposal.total}`
    );
    return ours.at(-1)?.sha;
  }
  /** Answers each ignored command once (the reply names the comment it answers). */
  async #reply(change, comments, decision) {
    const answered = comments.filter((comment) => comment.authorIsBot).map((comment) => comment.body);
    for (const ignored of decision.ignored) {
      const mark = replyMark(ignored.comment.id);
      if (answered.some((body) => body.includes(mark))) continue;
      await this.#forge.comment(
        change.number,
        `${mark}
@${ignored.comment.author} gitcanary ignored your command: ${ignored.reason}.`
      );
    }
  }
};
function referenceOf(change) {
  return change.reference ?? `pull request #${change.number}`;
}
function kindOf(reference) {
  return reference.replace(/\s*[#!]\d+$/, "");
}
function trailer(message, key) {
  const match = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, "m").exec(message);
  return match?.[1];
}

// src/promotion/statuses.ts
var GATE_STATE = {
  pass: "success",
  fail: "failure",
  inconclusive: "pending",
  error: "error"
};
var CommitStatusReporter = class {
  #next;
  #forge;
  #release;
  /** The release commit gates are measured on: the newest one committed or synced. */
  #sha;
  #posts = [];
  #newest;
  /** `newest`: the release's newest commit, read when a gate runs before this command committed. */
  constructor(next, forge, release, newest) {
    this.#next = next;
    this.#forge = forge;
    this.#release = release;
    this.#newest = newest;
  }
  event(event) {
    this.#next.event(event);
    const name = `gitcanary/${this.#release}`;
    if (event.type === "commit") {
      this.#sha = event.sha;
      this.#post({
        name,
        state: "pending",
        description: `step ${event.index}/${event.total}: ${event.action}, weight ${event.weight}%, ${event.phase}`
      });
    } else if (event.type === "gate") {
      const { result } = event;
      this.#post({
        name: `${name}/${result.gate}`,
        state: GATE_STATE[result.verdict] ?? "error",
        description: `${result.verdict}${result.value === void 0 ? "" : ` ${String(result.value)}`}: ${result.message}`
      });
    } else if (event.type === "done") {
      const state = event.outcome === "promoted" || event.outcome === "noop" ? "success" : event.outcome === "rolledBack" || event.outcome === "aborted" ? "failure" : "pending";
      this.#post({ name, state, description: `${event.outcome}: ${event.message}` });
    }
  }
  async flush() {
    await Promise.all(this.#posts);
    await this.#next.flush?.();
  }
  #post(verdict) {
    const at = this.#sha;
    const previous = this.#posts.at(-1) ?? Promise.resolve();
    const post = previous.then(async () => {
      const sha = at ?? this.#sha ?? await this.#newest?.().catch(() => void 0);
      if (sha === void 0) return;
      try {
        await this.#forge.setCommitStatus({
          ...verdict,
          sha,
          // GitHub keeps 140 characters of a status description.
          description: oneLine(maskSecrets(verdict.description)).slice(0, 140)
        });
      } catch (error) {
        this.#next.event({
          type: "warning",
          field: "spec.forge",
          message: `could not set the commit status ${verdict.name} on ${sha.slice(0, 7)}: ${maskSecrets(error instanceof Error ? error.message : String(error))}`
        });
      }
    });
    this.#posts.push(post);
  }
};
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}
export {
  ChangeRequestApproval,
  CommitStatusReporter,
  proposalBranch
};

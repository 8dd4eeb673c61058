import type { PullRequestPromotion } from '../config/promotion.js';
import type { ProposalState, StepApproval, StepProposal } from '../engine/types.js';
import { commandAuthors, decidePromotion, type PromotionDecision } from '../forges/promotion.js';
import type { ChangeComment, ChangeRequest, Forge, Permission } from '../forges/types.js';

// Pull-request promotion (issues 10 and 12): a manual step's commit goes to a branch of its own and
// a pull request (GitHub) or merge request (GitLab) into the release's branch. What becomes of it
// is read from the forge only — its state, its commits, its comments and who wrote them — and
// decided by the pure decidePromotion, so `run` polling, a later `step` job, or any process that
// re-reads the release answer alike. One comment on it, kept up to date, says where it stands.

/** Marks the comment gitcanary keeps up to date on each change request. */
const PROGRESS_MARK = '<!-- gitcanary:progress -->';
/** Marks the progress comment once the release moved past the step (nothing left to do). */
const SETTLED_MARK = '<!-- gitcanary:settled -->';
/** Marks gitcanary's reply to an ignored command, with the id of the comment it answers. */
const replyMark = (id: number) => `<!-- gitcanary:reply:${id} -->`;

/** Polls of an open change request: 15 s, doubling up to 2 minutes. */
const FIRST_POLL_MS = 15_000;
const MAX_POLL_MS = 120_000;

/** `gitcanary/podinfo/3f9c1a2b4d5e/step-3`: one branch per release and step, so re-runs find it. */
export function proposalBranch(proposal: Pick<StepProposal, 'release' | 'releaseId' | 'index'>): string {
  return `gitcanary/${proposal.release}/${proposal.releaseId}/step-${proposal.index}`;
}

export class ChangeRequestApproval implements StepApproval {
  readonly everyStep: boolean;
  readonly #forge: Forge;
  readonly #config: PullRequestPromotion;

  constructor(forge: Forge, config: PullRequestPromotion) {
    this.#forge = forge;
    this.#config = config;
    this.everyStep = config.steps === 'all';
  }

  pollDelay(polls: number): number {
    return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.max(0, polls));
  }

  async check(proposal: StepProposal): Promise<ProposalState> {
    const head = proposalBranch(proposal);
    const found = await this.#forge.findChangeRequest({ head, base: proposal.base, state: 'all' });
    if (found === undefined) return this.#open(proposal, head);
    // The full record: who merged it and how (a list entry says neither).
    const change = await this.#forge.getChangeRequest(found.number);
    const decision = await this.#decide(proposal, change);
    const where = { url: change.url, reference: referenceOf(change), reason: decision.reason };
    switch (decision.action) {
      case 'wait':
        return { ...where, kind: 'waiting', opened: false };
      case 'continue':
        return { ...where, kind: 'approved', via: decision.via, by: decision.by };
      case 'abort':
        return { ...where, kind: 'aborted', via: decision.via, by: decision.by };
      case 'refuse':
        return { ...where, kind: 'refused', hint: decision.hint };
    }
  }

  async settle(
    proposal: StepProposal,
    message: string,
  ): Promise<
    | { merged: boolean; reference: string; url: string; reason: string }
    | { refused: { reason: string; hint: string } }
    | undefined
  > {
    const head = proposalBranch(proposal);
    const found = await this.#forge.findChangeRequest({ head, base: proposal.base, state: 'all' });
    if (found === undefined) return undefined;
    const change = await this.#forge.getChangeRequest(found.number);
    const comments = await this.#forge.listComments(change.number);
    const progress = comments.find((comment) => comment.authorIsBot && comment.body.includes(PROGRESS_MARK));
    if (progress?.body.includes(SETTLED_MARK)) return undefined;
    let reason = `${referenceOf(change)} was ${change.state === 'merged' ? 'merged' : 'left behind'}`;
    if (change.state === 'merged') {
      // What landed must be the step's change, however the release got to read it.
      const decision = await this.#decide(proposal, change);
      if (decision.action === 'refuse') return { refused: { reason: decision.reason, hint: decision.hint } };
      reason = decision.reason;
    }
    if (change.state === 'open') await this.#forge.closeChangeRequest(change.number);
    const text = `${PROGRESS_MARK}${SETTLED_MARK}\n**gitcanary**: ${message}.`;
    if (progress) await this.#forge.updateComment(change.number, progress.id, text);
    else await this.#forge.comment(change.number, text);
    await this.#forge.deleteBranch(head);
    return { merged: change.state === 'merged', reference: referenceOf(change), url: change.url, reason };
  }

  async #open(proposal: StepProposal, head: string): Promise<ProposalState> {
    const sha = await proposal.push(head);
    const change = await this.#forge.openChangeRequest({
      head,
      base: proposal.base,
      title: proposal.title,
      body: await proposal.body(sha),
      draft: this.#config.draft,
      labels: this.#config.labels,
      reviewers: this.#config.reviewers,
    });
    const reference = referenceOf(change);
    await this.#forge.comment(
      change.number,
      `${PROGRESS_MARK}\n**gitcanary**: step ${proposal.index}/${proposal.total} of ${proposal.release} waits for this ${kindOf(reference)}: merge it to go on, close it to abort.`,
    );
    return {
      kind: 'waiting',
      opened: true,
      url: change.url,
      reference,
      reason: `opened ${reference}: merge it to go on, close it to abort`,
    };
  }

  /** What the change request says now: its commits, comments and commenters' permissions. */
  async #decide(proposal: StepProposal, change: ChangeRequest): Promise<PromotionDecision> {
    const comments = await this.#forge.listComments(change.number);
    const permissions: Record<string, Permission> = {};
    for (const author of commandAuthors(comments)) permissions[author] = await this.#forge.permission(author);
    const stepHead = await this.#stepHead(proposal, change);
    const headCheck =
      stepHead === change.head.sha || change.state === 'closed'
        ? undefined
        : await proposal.inspect(change.head.branch);
    const decision = decidePromotion({
      change,
      stepHead: stepHead ?? '',
      comments,
      permissions,
      headCheck,
    });
    await this.#reply(change, comments, decision);
    return decision;
  }

  /**
   * The step's own commit: the newest commit of the change request carrying the release's id and
   * the step's index in its trailers (what gitcanary pushed, or its rebase by the forge).
   */
  async #stepHead(proposal: StepProposal, change: ChangeRequest): Promise<string | undefined> {
    const commits = await this.#forge.listCommits(change.number);
    const ours = commits.filter(
      (commit) =>
        trailer(commit.message, 'Gitcanary-Release-Id') === proposal.releaseId &&
        trailer(commit.message, 'Gitcanary-Step') === `${proposal.index}/${proposal.total}`,
    );
    return ours.at(-1)?.sha;
  }

  /** Answers each ignored command once (the reply names the comment it answers). */
  async #reply(
    change: ChangeRequest,
    comments: readonly ChangeComment[],
    decision: PromotionDecision,
  ): Promise<void> {
    const answered = comments.filter((comment) => comment.authorIsBot).map((comment) => comment.body);
    for (const ignored of decision.ignored) {
      const mark = replyMark(ignored.comment.id);
      if (answered.some((body) => body.includes(mark))) continue;
      await this.#forge.comment(
        change.number,
        `${mark}\n@${ignored.comment.author} gitcanary ignored your command: ${ignored.reason}.`,
      );
    }
  }
}

function referenceOf(change: ChangeRequest): string {
  return change.reference ?? `pull request #${change.number}`;
}

function kindOf(reference: string): string {
  return reference.replace(/\s*[#!]\d+$/, '');
}

/** A trailer's value in a commit message (the last paragraph's `Key: value` lines). */
function trailer(message: string, key: string): string | undefined {
  const match = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, 'm').exec(message);
  return match?.[1];
}

import type { ChangeComment, ChangeRequest, MergeMethod, Permission } from './types.js';

// Pull-request promotion as one pure decision, for the engine to call at each poll: what happened
// to the step's pull request (merged, closed, commented on, edited) says whether the release goes
// on, rolls back, waits, or refuses. As DESIGN.md says (after gitops-promoter and Kargo): merged →
// continue, closed unmerged → abort; a `/gitcanary promote|abort` comment from someone with write
// permission does the same. GitLab merge requests decide the same way: its notes are the comments,
// and Developer access (30) or more is write (see src/forges/gitlab.ts).

/** Who may steer a release by comment: the classic levels that can push (maintain reads as write). */
export const WRITE_PERMISSIONS: ReadonlySet<Permission> = new Set(['admin', 'write']);

export type PromotionCommand = 'promote' | 'abort';

export interface CommandComment {
  comment: ChangeComment;
  command: PromotionCommand;
}

/** A command found in a comment that does not count, and why (for a reply on the pull request). */
export interface IgnoredCommand {
  comment: ChangeComment;
  reason: string;
}

export interface PromotionInput {
  change: ChangeRequest;
  /** The head gitcanary pushed for this step. */
  stepHead: string;
  comments: readonly ChangeComment[];
  /** Permission of each author of a `/gitcanary` comment (see `commandAuthors`). */
  permissions: Readonly<Record<string, Permission>>;
  /**
   * When the head is no longer `stepHead` (someone pushed to the branch): whether the manifests
   * there still say what the step writes (the engine observes its targets on that head), and what
   * differs when they do not.
   */
  headCheck?: { isStepChange: boolean; differences: readonly string[] } | undefined;
}

interface Decided {
  reason: string;
  ignored: IgnoredCommand[];
}

export type PromotionDecision =
  | (Decided & { action: 'wait' })
  | (Decided & {
      action: 'continue';
      via: 'merge' | 'comment';
      by?: string | undefined;
      mergeMethod?: MergeMethod | undefined;
      /** The commit that landed on the base branch (merge only). */
      sha?: string | undefined;
    })
  | (Decided & { action: 'abort'; via: 'close' | 'comment'; by?: string | undefined })
  | (Decided & { action: 'refuse'; hint: string });

/**
 * The command a comment gives: a line of its own reading `/gitcanary promote` or `/gitcanary abort`
 * (as Prow's `/approve`); `{ unknown }` for another `/gitcanary` word; undefined for none.
 */
export function commentCommand(body: string): PromotionCommand | { unknown: string } | undefined {
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*\/gitcanary(?:\s+(\S+))?\s*$/.exec(line);
    if (!match) continue;
    const word = match[1] ?? '';
    return word === 'promote' || word === 'abort' ? word : { unknown: word };
  }
  return undefined;
}

/** Authors whose permission the decision needs: those of `/gitcanary` comments by people. */
export function commandAuthors(comments: readonly ChangeComment[]): string[] {
  return [
    ...new Set(
      comments.filter((c) => !c.authorIsBot && commentCommand(c.body) !== undefined).map((c) => c.author),
    ),
  ];
}

export function decidePromotion(input: PromotionInput): PromotionDecision {
  const { change } = input;
  const ref = change.reference ?? `pull request #${change.number}`;
  const { commands, ignored } = readCommands(input);
  const edited = change.head.sha !== input.stepHead;
  const foreign =
    edited && input.headCheck?.isStepChange !== true
      ? input.headCheck === undefined
        ? `its head ${change.head.sha.slice(0, 7)} is not the step's ${input.stepHead.slice(0, 7)} and was not checked`
        : `its files no longer hold the step's change: ${input.headCheck.differences.join('; ') || 'they differ'}`
      : undefined;
  const refuse = (what: string): PromotionDecision => ({
    action: 'refuse',
    reason: `${what}, but ${foreign}`,
    hint: `restore the step's change on ${change.head.branch}, or stop the release with \`gitcanary abort\``,
    ignored,
  });

  if (change.state === 'merged') {
    if (foreign) return refuse(`${ref} was merged`);
    return {
      action: 'continue',
      via: 'merge',
      by: change.merge?.by,
      mergeMethod: change.merge?.method,
      sha: change.merge?.sha,
      reason: `${ref} was merged${change.merge?.by ? ` by ${change.merge.by}` : ''}${change.merge?.method ? ` (${change.merge.method})` : ''}`,
      ignored,
    };
  }
  if (change.state === 'closed') {
    return { action: 'abort', via: 'close', reason: `${ref} was closed without merging`, ignored };
  }
  const first = commands[0];
  if (first?.command === 'abort') {
    return {
      action: 'abort',
      via: 'comment',
      by: first.comment.author,
      reason: `${first.comment.author} commented /gitcanary abort on ${ref}`,
      ignored,
    };
  }
  if (first?.command === 'promote') {
    if (foreign) return refuse(`${first.comment.author} commented /gitcanary promote on ${ref}`);
    return {
      action: 'continue',
      via: 'comment',
      by: first.comment.author,
      reason: `${first.comment.author} commented /gitcanary promote on ${ref}`,
      ignored,
    };
  }
  return {
    action: 'wait',
    reason: `waiting for ${ref} to be merged or closed${foreign ? `; merging will be refused: ${foreign}` : ''}`,
    ignored,
  };
}

/** Valid commands oldest first (the first one acted on wins), and the ones that do not count. */
function readCommands(input: PromotionInput): { commands: CommandComment[]; ignored: IgnoredCommand[] } {
  const commands: CommandComment[] = [];
  const ignored: IgnoredCommand[] = [];
  const byTime = [...input.comments].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
  );
  for (const comment of byTime) {
    const command = commentCommand(comment.body);
    if (command === undefined || comment.authorIsBot) continue;
    if (typeof command === 'object') {
      ignored.push({
        comment,
        reason: `unknown command /gitcanary ${command.unknown}; use promote or abort`,
      });
      continue;
    }
    const permission = input.permissions[comment.author] ?? 'none';
    if (!WRITE_PERMISSIONS.has(permission)) {
      ignored.push({
        comment,
        reason: `${comment.author} has ${permission} permission; /gitcanary ${command} needs write`,
      });
      continue;
    }
    commands.push({ comment, command });
  }
  return { commands, ignored };
}

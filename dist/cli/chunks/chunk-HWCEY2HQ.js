import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/forges/promotion.ts
var WRITE_PERMISSIONS = /* @__PURE__ */ new Set(["admin", "write"]);
function commentCommand(body) {
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*\/gitcanary(?:\s+(\S+))?\s*$/.exec(line);
    if (!match) continue;
    const word = match[1] ?? "";
    return word === "promote" || word === "abort" ? word : { unknown: word };
  }
  return void 0;
}
function commandAuthors(comments) {
  return [
    ...new Set(
      comments.filter((c) => !c.authorIsBot && commentCommand(c.body) !== void 0).map((c) => c.author)
    )
  ];
}
function decidePromotion(input) {
  const { change } = input;
  const ref = change.reference ?? `pull request #${change.number}`;
  const { commands, ignored } = readCommands(input);
  const edited = change.head.sha !== input.stepHead;
  const foreign = edited && input.headCheck?.isStepChange !== true ? input.headCheck === void 0 ? `its head ${change.head.sha.slice(0, 7)} is not the step's ${input.stepHead.slice(0, 7)} and was not checked` : `its files no longer hold the step's change: ${input.headCheck.differences.join("; ") || "they differ"}` : void 0;
  const refuse = (what) => ({
    action: "refuse",
    reason: `${what}, but ${foreign}`,
    hint: `restore the step's change on ${change.head.branch}, or stop the release with \`gitcanary abort\``,
    ignored
  });
  if (change.state === "merged") {
    if (foreign) return refuse(`${ref} was merged`);
    return {
      action: "continue",
      via: "merge",
      by: change.merge?.by,
      mergeMethod: change.merge?.method,
      sha: change.merge?.sha,
      reason: `${ref} was merged${change.merge?.by ? ` by ${change.merge.by}` : ""}${change.merge?.method ? ` (${change.merge.method})` : ""}`,
      ignored
    };
  }
  if (change.state === "closed") {
    return { action: "abort", via: "close", reason: `${ref} was closed without merging`, ignored };
  }
  const first = commands[0];
  if (first?.command === "abort") {
    return {
      action: "abort",
      via: "comment",
      by: first.comment.author,
      reason: `${first.comment.author} commented /gitcanary abort on ${ref}`,
      ignored
    };
  }
  if (first?.command === "promote") {
    if (foreign) return refuse(`${first.comment.author} commented /gitcanary promote on ${ref}`);
    return {
      action: "continue",
      via: "comment",
      by: first.comment.author,
      reason: `${first.comment.author} commented /gitcanary promote on ${ref}`,
      ignored
    };
  }
  return {
    action: "wait",
    reason: `waiting for ${ref} to be merged or closed${foreign ? `; merging will be refused: ${foreign}` : ""}`,
    ignored
  };
}
function readCommands(input) {
  const commands = [];
  const ignored = [];
  const byTime = [...input.comments].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id
  );
  for (const comment of byTime) {
    const command = commentCommand(comment.body);
    if (command === void 0 || comment.authorIsBot) continue;
    if (typeof command === "object") {
      ignored.push({
        comment,
        reason: `unknown command /gitcanary ${command.unknown}; use promote or abort`
      });
      continue;
    }
    const permission = input.permissions[comment.author] ?? "none";
    if (!WRITE_PERMISSIONS.has(permission)) {
      ignored.push({
        comment,
        reason: `${comment.author} has ${permission} permission; /gitcanary ${command} needs write`
      });
      continue;
    }
    commands.push({ comment, command });
  }
  return { commands, ignored };
}

export {
  WRITE_PERMISSIONS,
  commentCommand,
  commandAuthors,
  decidePromotion
};

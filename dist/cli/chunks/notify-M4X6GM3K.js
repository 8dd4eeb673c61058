import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  eventWebhooksOf,
  notifiesAnything,
  parsedGates,
  renderTemplate
} from "./chunk-2THQVTOD.js";
import "./chunk-34IGQYKH.js";
import {
  renderSource
} from "./chunk-XS2OQZ4O.js";
import "./chunk-KGKE37OE.js";
import {
  callWebhook,
  eventPayload,
  flaggerAccepts,
  postJson,
  webhookFiresAt
} from "./chunk-BMZOPLSF.js";
import "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import {
  parseDuration
} from "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  registerSecret,
  secretFromEnv
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/notify/index.ts
import { readFileSync } from "node:fs";
import path from "node:path";

// src/notify/links.ts
function commitLinker(repo, template) {
  if (template !== void 0) return (sha) => renderSource(template, { sha }, { strict: false });
  const web = webRepository(repo);
  if (web === void 0) return void 0;
  return (sha) => `${web.base}${web.gitlab ? "/-/commit/" : "/commit/"}${sha}`;
}
function webRepository(repo) {
  let host;
  let repoPath;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(repo);
  if (/^(https?|ssh):\/\//i.test(repo)) {
    let url;
    try {
      url = new URL(repo);
    } catch {
      return void 0;
    }
    host = url.hostname;
    repoPath = url.pathname.replace(/^\/+/, "");
  } else if (scp) {
    host = scp[1];
    repoPath = scp[2];
  } else {
    return void 0;
  }
  repoPath = repoPath.replace(/\.git\/?$/, "").replace(/\/+$/, "");
  const github = host === "github.com" || host.startsWith("github.");
  const gitlab = host === "gitlab.com" || host.startsWith("gitlab.");
  if (!github && !gitlab || repoPath === "") return void 0;
  return { base: `https://${host}/${repoPath}`, gitlab };
}

// src/notify/notices.ts
var NoticeTracker = class {
  constructor(traits) {
    this.traits = traits;
  }
  traits;
  #image;
  #releaseId;
  #step;
  #weight;
  #phase;
  #commit;
  #summaries = /* @__PURE__ */ new Map();
  #evidence = [];
  /** Confirmation gates whose last answer was "not yet". */
  #pending = /* @__PURE__ */ new Map();
  #waitingNoticed = /* @__PURE__ */ new Set();
  #committedPromotion = false;
  observe(event) {
    switch (event.type) {
      case "release":
        this.#image = event.image;
        this.#releaseId = event.releaseId;
        return [];
      case "step":
        this.#summaries.set(event.index, event.summary);
        return [];
      case "gate":
        return this.#gate(event.result);
      case "wait":
        return this.#wait(event.reason);
      case "commit":
        return this.#commitNotices(event);
      case "done":
        return this.#done(event.outcome, event.message);
      default:
        return [];
    }
  }
  #gate(result) {
    this.#evidence.push(result);
    const traits = this.traits(result.gate);
    const effect = traits?.effect ?? "decide";
    if (effect === "wait") this.#pending.set(result.gate, result.verdict === "inconclusive");
    const decides = effect === "decide" || effect === "gate";
    if (result.verdict !== "fail" || result.kind === "sync" || !decides) return [];
    return [
      this.#notice("analysis-failed", "warn", false, {
        muted: traits?.muteAlert ?? false,
        reason: `${result.gate} (${result.kind}): ${result.message}`,
        evidence: [result]
      })
    ];
  }
  /** Flagger alerts once when a confirm-* hook first holds the release ("waiting for approval"). */
  #wait(reason) {
    if (!reason.startsWith("confirmation") || this.#waitingNoticed.has(reason)) return [];
    this.#waitingNoticed.add(reason);
    const pending = [...this.#pending].filter(([, waiting]) => waiting).map(([gate]) => gate);
    const muted = pending.length > 0 && pending.every((gate) => this.traits(gate)?.muteAlert === true);
    return [
      this.#notice("paused", "warn", true, {
        muted,
        reason: `for approval (${pending.join(", ") || reason})`,
        phase: "Waiting"
      })
    ];
  }
  #commitNotices(event) {
    this.#step = { index: event.index, total: event.total };
    this.#weight = event.weight;
    this.#phase = event.phase;
    this.#commit = event.sha;
    const evidence = this.#evidence;
    this.#evidence = [];
    this.#pending.clear();
    switch (event.action) {
      case "start":
      case "supersede":
        return [this.#notice("started", "info", true, { evidence })];
      case "step":
      case "resume":
        return [
          this.#notice("step-committed", "info", false, {
            evidence,
            summary: this.#summaries.get(event.index) ?? event.action
          })
        ];
      case "promote":
      case "finish":
        this.#committedPromotion = true;
        return [];
      case "abort":
        return [
          this.#notice("rolled-back", "warn", true, { evidence, reason: "aborted with `gitcanary abort`" })
        ];
      case "rollback":
        return [this.#rolledBack(evidence)];
      default:
        return [];
    }
  }
  /** A rollback hook is a person asking (warn); a failed check or sync is an error, as in Flagger. */
  #rolledBack(evidence) {
    const failed = evidence.filter((result) => result.verdict === "fail");
    const manual = failed.find((result) => this.traits(result.gate)?.effect === "rollback");
    if (manual) {
      return this.#notice("rolled-back", "warn", true, {
        evidence,
        reason: `rollback webhook ${manual.gate} asked for it`
      });
    }
    const reason = failed.map((result) => `${result.gate} (${result.kind}) failed`).join(", ");
    return this.#notice("rolled-back", "error", true, { evidence, reason: reason || void 0 });
  }
  #done(outcome, message) {
    if (outcome === "promoted" && this.#committedPromotion) {
      return [this.#notice("promoted", "info", true, { phase: "Succeeded" })];
    }
    if (outcome === "paused") {
      const evidence = this.#evidence;
      return [this.#notice("paused", "warn", true, { evidence, reason: `(${message})` })];
    }
    return [];
  }
  #notice(trigger, severity, alert, extra) {
    return {
      trigger,
      severity,
      alert,
      muted: false,
      image: this.#image,
      releaseId: this.#releaseId,
      step: this.#step,
      weight: this.#weight,
      phase: this.#phase,
      commit: this.#commit,
      evidence: [],
      ...extra
    };
  }
};
function alertWants(alertSeverity, severity) {
  const wanted = alertSeverity === void 0 || alertSeverity === "" ? "info" : alertSeverity;
  if (wanted === "info") return true;
  if (severity === wanted) return true;
  return severity === "error" && wanted === "warn";
}

// src/notify/event-webhooks.ts
var FlaggerEventMapper = class {
  constructor(release, namespace) {
    this.release = release;
    this.namespace = namespace;
  }
  release;
  namespace;
  #phase = "Progressing";
  #image;
  #commit = "";
  /** The subject of the payload: release, namespace, phase and candidate (for the checksum). */
  subject(phase) {
    return {
      releaseName: this.release,
      namespace: this.namespace,
      phase,
      canaryImage: this.#image,
      commit: this.#commit
    };
  }
  map(event) {
    const target = `${this.release}.${this.namespace}`;
    const normal = (message) => ({ message, eventType: "Normal", phase: this.#phase });
    const warning = (message) => ({
      message,
      eventType: "Warning",
      phase: this.#phase
    });
    switch (event.type) {
      case "release":
        this.#image = event.image;
        if (event.action === "resume") return void 0;
        this.#phase = "Progressing";
        return normal(`New revision detected! Starting canary analysis of ${event.image} for ${target}`);
      case "commit": {
        this.#commit = event.sha;
        const sha = event.sha.slice(0, 7);
        if (event.action === "rollback" || event.action === "abort") {
          this.#phase = "Failed";
          return warning(
            `Canary failed! Rolled back ${target} (${event.action === "abort" ? "aborted" : "gate failed"}), commit ${sha}`
          );
        }
        if (event.action === "promote") {
          this.#phase = "Promoting";
          return normal(
            `Copying ${this.#image ?? "the canary image"} to the stable workload of ${target}, commit ${sha}`
          );
        }
        if (event.action === "start" || event.action === "supersede" || event.action === "finish")
          return void 0;
        this.#phase = "Progressing";
        return normal(`Advance ${target} canary weight ${event.weight}, commit ${sha}`);
      }
      case "gate": {
        const { gate, kind, verdict, message } = event.result;
        if (verdict === "pass") return normal(`${kind} check ${gate} passed`);
        return warning(
          `Halt ${target} advancement ${kind} check ${gate} ${verdict === "fail" ? "failed" : "inconclusive"}: ${message}`
        );
      }
      case "wait":
        if (event.reason.startsWith("confirmation")) {
          this.#phase = "Waiting";
          return warning(`Halt ${target} advancement waiting for approval (${event.reason})`);
        }
        return void 0;
      case "done":
        if (event.outcome === "promoted") {
          this.#phase = "Succeeded";
          return normal(`Promotion completed! ${this.#image ?? "The canary"} is stable on ${target}`);
        }
        if (event.outcome === "paused") {
          this.#phase = "Waiting";
          return warning(`Halt ${target} advancement: ${event.message}`);
        }
        return void 0;
      default:
        return void 0;
    }
  }
};
async function sendEvent(hook, mapper, event, options) {
  const payload = eventPayload(
    mapper.subject(event.phase),
    hook.config.metadata,
    event.message,
    event.eventType,
    options.now
  );
  const answer = await callWebhook(hook.config.url, payload, {
    timeoutMs: parseDuration(hook.config.timeout, `${hook.name}.timeout`),
    retries: hook.config.retries,
    disableTLS: hook.config.disableTLS,
    signal: options.signal,
    backoff: options.backoff
  });
  const ok = flaggerAccepts(answer.status);
  const body = answer.body.trim().slice(0, 200);
  return { ok, message: `HTTP ${answer.status}${ok || body === "" ? "" : `: ${body}`}` };
}

// src/notify/providers.ts
function buildPayload(provider, view) {
  switch (provider.type) {
    case "slack":
      return slackPayload(provider, view);
    case "msteams":
      return provider.format === "adaptiveCard" ? adaptiveCardPayload(view) : messageCardPayload(view);
    case "discord":
      return discordPayload(provider, view);
    case "gchat":
    case "googlechat":
      return googleChatPayload(view);
    case "rocket":
      return rocketPayload(provider, view);
    case "webhook":
      return view.data;
  }
}
var shortSha = (sha) => sha.slice(0, 7);
function slackEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function slackCommit(view) {
  if (view.commit === void 0) return void 0;
  const sha = shortSha(view.commit.sha);
  return view.commit.url ? `<${view.commit.url}|${sha}>` : sha;
}
function slackPayload(provider, view) {
  const commit = slackCommit(view);
  const evidence = view.evidence.length > 0 ? `
*Gate evidence*
${view.evidence.map((line) => `\u2022 ${slackEscape(line)}`).join("\n")}` : "";
  return {
    ...provider.channel ? { channel: provider.channel } : {},
    ...provider.username ? { username: provider.username } : {},
    icon_emoji: ":rocket:",
    text: slackEscape(view.title),
    attachments: [
      {
        color: { info: "good", warn: "warning", error: "danger" }[view.severity],
        author_name: view.source,
        text: `${slackEscape(view.title)}${evidence}`,
        mrkdwn_in: ["text"],
        fields: [
          ...view.facts.map((fact) => ({ title: fact.name, value: slackEscape(fact.value), short: true })),
          ...commit ? [{ title: "Commit", value: commit, short: true }] : [],
          ...view.job ? [{ title: "Job", value: `<${view.job.url}|CI job>`, short: true }] : []
        ],
        ts: Math.floor(Date.parse(view.time) / 1e3)
      }
    ]
  };
}
var TEAMS_COLOR = { info: "0076D7", warn: "FFA500", error: "FF0000" };
function messageCardPayload(view) {
  return {
    "@type": "MessageCard",
    "@context": "http://schema.org/extensions",
    themeColor: TEAMS_COLOR[view.severity],
    summary: view.title,
    sections: [
      {
        activityTitle: view.title,
        activitySubtitle: view.source,
        facts: [
          ...view.facts,
          ...view.commit ? [{ name: "Commit", value: shortSha(view.commit.sha) }] : []
        ],
        ...view.evidence.length > 0 ? { text: view.evidence.map((line) => `- ${line}`).join("\n\n") } : {}
      }
    ],
    ...view.commit?.url || view.job ? {
      potentialAction: [
        ...view.commit?.url ? [
          {
            "@type": "OpenUri",
            name: "View commit",
            targets: [{ os: "default", uri: view.commit.url }]
          }
        ] : [],
        ...view.job ? [{ "@type": "OpenUri", name: "View job", targets: [{ os: "default", uri: view.job.url }] }] : []
      ]
    } : {}
  };
}
function adaptiveCardPayload(view) {
  const color = { info: "Good", warn: "Warning", error: "Attention" }[view.severity];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: view.title, weight: "Bolder", size: "Medium", wrap: true, color },
            { type: "TextBlock", text: view.source, isSubtle: true, spacing: "None", wrap: true },
            {
              type: "FactSet",
              facts: [
                ...view.facts.map((fact) => ({ title: fact.name, value: fact.value })),
                ...view.commit ? [{ title: "Commit", value: shortSha(view.commit.sha) }] : []
              ]
            },
            ...view.evidence.map((line) => ({ type: "TextBlock", text: line, wrap: true, size: "Small" }))
          ],
          ...view.commit?.url || view.job ? {
            actions: [
              ...view.commit?.url ? [{ type: "Action.OpenUrl", title: "View commit", url: view.commit.url }] : [],
              ...view.job ? [{ type: "Action.OpenUrl", title: "View job", url: view.job.url }] : []
            ]
          } : {}
        }
      }
    ]
  };
}
var DISCORD = {
  content: 2e3,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25
};
var DISCORD_COLOR = { info: 3061894, warn: 14327864, error: 10682880 };
function cut(text, limit) {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}\u2026`;
}
function discordPayload(provider, view) {
  const fields = [
    ...view.facts.map((fact) => ({ name: fact.name, value: fact.value, inline: true })),
    ...view.commit ? [
      {
        name: "Commit",
        value: view.commit.url ? `[${shortSha(view.commit.sha)}](${view.commit.url})` : shortSha(view.commit.sha),
        inline: true
      }
    ] : [],
    ...view.job ? [{ name: "Job", value: `[CI job](${view.job.url})`, inline: true }] : []
  ].slice(0, DISCORD.fields).map((field) => ({
    ...field,
    name: cut(field.name, DISCORD.fieldName),
    value: cut(field.value, DISCORD.fieldValue)
  }));
  return {
    ...provider.username ? { username: provider.username } : {},
    content: cut(view.title, DISCORD.content),
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(view.source, DISCORD.title),
        ...view.commit?.url ? { url: view.commit.url } : {},
        ...view.evidence.length > 0 ? { description: cut(view.evidence.map((line) => `\u2022 ${line}`).join("\n"), DISCORD.description) } : {},
        color: DISCORD_COLOR[view.severity],
        fields,
        timestamp: view.time,
        footer: { text: "gitcanary" }
      }
    ]
  };
}
function htmlEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function googleChatPayload(view) {
  const sections = [
    {
      widgets: [
        ...view.facts.map((fact) => ({
          decoratedText: { topLabel: fact.name, text: htmlEscape(fact.value) }
        })),
        ...view.commit ? [{ decoratedText: { topLabel: "Commit", text: shortSha(view.commit.sha) } }] : []
      ]
    }
  ];
  if (view.evidence.length > 0) {
    sections.push({
      header: "Gate evidence",
      widgets: view.evidence.map((line) => ({ textParagraph: { text: htmlEscape(line) } }))
    });
  }
  const buttons = [
    ...view.commit?.url ? [{ text: "View commit", onClick: { openLink: { url: view.commit.url } } }] : [],
    ...view.job ? [{ text: "View job", onClick: { openLink: { url: view.job.url } } }] : []
  ];
  if (buttons.length > 0) sections.push({ widgets: [{ buttonList: { buttons } }] });
  return {
    text: view.title,
    cardsV2: [
      {
        cardId: `gitcanary-${view.trigger}`,
        card: { header: { title: view.title, subtitle: view.source }, sections }
      }
    ]
  };
}
var ROCKET_COLOR = { info: "#0076D7", warn: "#FFA500", error: "#FF0000" };
function rocketPayload(provider, view) {
  return {
    ...provider.channel ? { channel: provider.channel } : {},
    ...provider.username ? { alias: provider.username } : {},
    emoji: ":rocket:",
    text: view.title,
    attachments: [
      {
        color: ROCKET_COLOR[view.severity],
        author_name: view.source,
        ...view.commit?.url ? { title: `Commit ${shortSha(view.commit.sha)}`, title_link: view.commit.url } : {},
        text: view.evidence.map((line) => `\u2022 ${line}`).join("\n"),
        fields: [
          ...view.facts.map((fact) => ({ short: true, title: fact.name, value: fact.value })),
          ...view.commit ? [{ short: true, title: "Commit", value: shortSha(view.commit.sha) }] : [],
          ...view.job ? [{ short: true, title: "Job", value: `[CI job](${view.job.url})` }] : []
        ],
        ts: view.time
      }
    ]
  };
}

// src/notify/reporter.ts
var NotifyingReporter = class {
  #next;
  #options;
  #tracker;
  #mapper;
  #queues = /* @__PURE__ */ new Map();
  /** Never aborted: an interrupted release still sends what it decided; every post has a timeout. */
  #controller = new AbortController();
  #stableImage;
  constructor(next, options) {
    this.#next = next;
    this.#options = options;
    this.#tracker = new NoticeTracker((gate) => options.gateTraits(gate));
    this.#mapper = new FlaggerEventMapper(options.release, options.namespace);
  }
  event(event) {
    this.#next.event(event);
    if (event.type === "notification") return;
    const flaggerEvent = this.#mapper.map(event);
    if (flaggerEvent !== void 0) {
      const now = this.#now();
      for (const hook of this.#options.eventWebhooks) {
        this.#enqueue(`event ${hook.name}`, flaggerEvent.message, async () => {
          const sent = await sendEvent(hook, this.#mapper, flaggerEvent, {
            signal: this.#controller.signal,
            now,
            backoff: this.#options.backoff
          });
          if (!sent.ok) throw new Error(sent.message);
        });
      }
    }
    for (const notice of this.#tracker.observe(event)) {
      for (const subscription of this.#options.subscriptions.filter((candidate) => candidate.wants(notice))) {
        this.#enqueue(subscription.label, notice.trigger, () => this.#notify(subscription.provider, notice));
      }
    }
  }
  async flush() {
    await Promise.all(this.#queues.values());
    await this.#next.flush?.();
  }
  #now() {
    return this.#options.now?.() ?? /* @__PURE__ */ new Date();
  }
  #enqueue(target, about, send) {
    const previous = this.#queues.get(target) ?? Promise.resolve();
    const next = previous.then(send).catch((error) => {
      this.#next.event({
        type: "notification",
        target,
        about,
        delivered: false,
        message: maskSecrets(error instanceof Error ? error.message : String(error))
      });
    });
    this.#queues.set(target, next);
  }
  async #notify(provider, notice) {
    const view = await this.#view(notice);
    const body = maskSecrets(JSON.stringify(buildPayload(provider.config, view)));
    const answer = await postJson(provider.url, body, {
      timeoutMs: provider.timeoutMs,
      signal: this.#controller.signal
    });
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`HTTP ${answer.status}: ${answer.body.trim().slice(0, 200)}`);
    }
  }
  /** Fills in from Git what this process did not see (a `step` job that only found a pause). */
  async #view(notice) {
    let filled = notice;
    if (notice.step === void 0 || notice.stableImage === void 0) {
      const snapshot = await this.#options.snapshot?.().catch(() => void 0);
      if (snapshot) {
        this.#stableImage ??= snapshot.stableImage;
        filled = {
          ...notice,
          step: notice.step ?? snapshot.step,
          weight: notice.weight ?? snapshot.weight,
          phase: notice.phase ?? snapshot.phase,
          image: notice.image ?? snapshot.image,
          commit: notice.commit ?? snapshot.commit,
          stableImage: snapshot.stableImage
        };
      }
    }
    return messageView(filled, {
      release: this.#options.release,
      namespace: this.#options.namespace,
      stableImage: filled.stableImage ?? this.#stableImage,
      commitLink: this.#options.commitLink,
      jobUrl: this.#options.jobUrl,
      time: this.#now().toISOString()
    });
  }
};
var EVIDENCE_LINES = 10;
var EVIDENCE_LINE_CHARS = 300;
async function messageView(notice, context) {
  const weight = notice.weight === void 0 ? void 0 : `${notice.weight}%`;
  const step = notice.step === void 0 ? void 0 : `${notice.step.index}/${notice.step.total}`;
  const image = notice.image ?? "the candidate";
  const headline = await renderTemplate("notifications/headline", {
    is: { [notice.trigger]: true },
    image,
    stableImage: context.stableImage,
    summary: notice.summary,
    weight,
    reason: notice.reason
  });
  const title = headline.trim();
  const evidenceText = await renderTemplate("notifications/evidence", {
    gates: notice.evidence.map((gate) => ({
      ...gate,
      value: gate.value === void 0 ? void 0 : String(gate.value)
    }))
  });
  const evidence = evidenceText.split("\n").filter((line) => line.trim() !== "").slice(0, EVIDENCE_LINES).map((line) => line.length > EVIDENCE_LINE_CHARS ? `${line.slice(0, EVIDENCE_LINE_CHARS - 1)}\u2026` : line);
  const facts = [
    { name: "Release", value: `${context.release}${notice.releaseId ? ` (${notice.releaseId})` : ""}` },
    { name: "Image", value: image },
    ...context.stableImage ? [{ name: "Stable", value: context.stableImage }] : [],
    ...step ? [{ name: "Step", value: step }] : [],
    ...weight ? [{ name: "Canary weight", value: weight }] : [],
    ...notice.phase ? [{ name: "Phase", value: notice.phase }] : []
  ];
  const commit = notice.commit === void 0 ? void 0 : { sha: notice.commit, url: context.commitLink?.(notice.commit) };
  return {
    trigger: notice.trigger,
    severity: notice.severity,
    title,
    source: `${context.release}.${context.namespace}`,
    facts,
    commit,
    job: context.jobUrl === void 0 ? void 0 : { url: context.jobUrl },
    evidence,
    time: context.time,
    data: {
      release: context.release,
      namespace: context.namespace,
      releaseId: notice.releaseId,
      trigger: notice.trigger,
      severity: notice.severity,
      message: title,
      image: notice.image,
      stableImage: context.stableImage,
      step: notice.step,
      weight: notice.weight,
      phase: notice.phase,
      commit: commit ?? null,
      job: context.jobUrl ?? null,
      evidence: notice.evidence.map(({ gate, kind, verdict, value, threshold, message }) => ({
        gate,
        kind,
        verdict,
        value,
        threshold,
        message
      })),
      timestamp: context.time
    }
  };
}

// src/notify/index.ts
var DEFAULT_PROVIDER_TIMEOUT = "5s";
function withNotifications(base, loaded, setup) {
  const { config } = loaded;
  const notifications = config.spec.notifications;
  const alerts = config.spec.analysis?.alerts ?? [];
  if (!notifiesAnything(config, setup.gates)) return base;
  const gates = parsedGates(setup.gates);
  const eventWebhooks = eventWebhooksOf(gates);
  const triggers = notifications?.triggers ?? [];
  const unreadable = [];
  const resolve = (provider, field) => {
    const url = readProviderUrl(provider, field, loaded.dir, setup.strict);
    if (url === void 0) {
      unreadable.push(field);
      return void 0;
    }
    return {
      config: provider,
      url,
      timeoutMs: parseDuration(provider.timeout ?? DEFAULT_PROVIDER_TIMEOUT, `${field}.timeout`)
    };
  };
  const named = (name) => notifications?.providers[name];
  const subscriptions = [];
  triggers.forEach((trigger, index) => {
    const field = `spec.notifications.triggers[${index}].provider`;
    const provider = typeof trigger.provider === "string" ? named(trigger.provider) : trigger.provider;
    const resolved = provider && resolve(
      provider,
      typeof trigger.provider === "string" ? `spec.notifications.providers.${trigger.provider}` : field
    );
    if (!resolved) return;
    subscriptions.push({
      label: `${typeof trigger.provider === "string" ? trigger.provider : `trigger ${index}`} (${resolved.config.type})`,
      provider: resolved,
      wants: (notice) => !notice.muted && trigger.on.includes(notice.trigger)
    });
  });
  alerts.forEach((alert, index) => {
    const provider = alert.provider ?? (alert.providerRef ? named(alert.providerRef.name) : void 0);
    const field = alert.provider ? `spec.analysis.alerts[${index}].provider` : `spec.notifications.providers.${alert.providerRef?.name}`;
    const resolved = provider && resolve(provider, field);
    if (!resolved) return;
    subscriptions.push({
      label: `alert ${alert.name} (${resolved.config.type})`,
      provider: resolved,
      // Flagger alerts at its alert() points only, filtered by severity; muteAlert silences a webhook's.
      wants: (notice) => notice.alert && !notice.muted && alertWants(alert.severity, notice.severity)
    });
  });
  const reporter = new NotifyingReporter(base, {
    release: config.metadata.name,
    namespace: config.metadata.namespace,
    eventWebhooks,
    subscriptions,
    gateTraits: (name) => gateTraits(gates, name),
    commitLink: commitLinker(config.spec.git.repo, notifications?.commitUrl),
    jobUrl: setup.jobUrl,
    snapshot: setup.snapshot
  });
  for (const field of new Set(unreadable)) {
    base.event({
      type: "notification",
      target: field,
      about: "setup",
      delivered: false,
      message: "its webhook URL could not be read; nothing is sent to it"
    });
  }
  return reporter;
}
function readProviderUrl(provider, field, dir, strict) {
  let url;
  let where;
  if (provider.urlEnv !== void 0) {
    where = `environment variable ${provider.urlEnv}`;
    url = secretFromEnv(provider.urlEnv)?.trim();
  } else {
    const file = path.resolve(dir, provider.urlFile ?? "");
    where = `file ${provider.urlFile}`;
    try {
      url = readFileSync(file, "utf8").trim();
      registerSecret(url);
    } catch {
      url = void 0;
    }
  }
  if (url !== void 0 && url !== "" && URL.canParse(url) && /^https?:/i.test(url)) return url;
  if (!strict) return void 0;
  throw new GitcanaryError("CONFIG_INVALID", `no http(s) webhook URL in ${where}`, {
    field: `${field}.${provider.urlEnv !== void 0 ? "urlEnv" : "urlFile"}`,
    hint: `set ${where} to the ${provider.type} webhook URL; nothing was committed`
  });
}
function gateTraits(gates, name) {
  const gate = gates[name];
  if (gate === void 0) return void 0;
  if ("webhook" in gate)
    return { effect: webhookFiresAt[gate.webhook.type].effect, muteAlert: gate.webhook.muteAlert };
  return { effect: "decide", muteAlert: false };
}
export {
  FlaggerEventMapper,
  NoticeTracker,
  NotifyingReporter,
  alertWants,
  buildPayload,
  messageView,
  notifiesAnything,
  withNotifications
};

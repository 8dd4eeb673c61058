import type { NotificationProvider, NotificationTrigger } from '../config/notifications.js';
import type { Severity } from './notices.js';

// One payload builder per chat provider: what its incoming webhook documents, shaped after
// Flagger's notifiers (fluxcd/flagger pkg/notifier/slack.go, teams.go, discord.go, gchat.go,
// rocket.go) where those still match the provider's current format. Pure: a message in, a JSON
// body out.

/** A notification ready to be shaped for a provider. */
export interface MessageView {
  trigger: NotificationTrigger;
  severity: Severity;
  /** The headline (templates/notifications/headline.hbs). */
  title: string;
  /** `<release>.<namespace>`, Flagger's author/subtitle. */
  source: string;
  /** Release, image, step, weight, … as name/value pairs (Flagger's notifier.Field). */
  facts: { name: string; value: string }[];
  commit?: { sha: string; url?: string | undefined } | undefined;
  /** The CI job that sent it (GitLab CI job, GitHub Actions run), linked from every message. */
  job?: { url: string } | undefined;
  /** Gate verdicts, one line each (templates/notifications/evidence.hbs). */
  evidence: string[];
  /** ISO time of the notification. */
  time: string;
  /** Structured data for the generic webhook. */
  data: Record<string, unknown>;
}

export type ProviderType = NotificationProvider['type'];

export function buildPayload(provider: NotificationProvider, view: MessageView): unknown {
  switch (provider.type) {
    case 'slack':
      return slackPayload(provider, view);
    case 'msteams':
      return provider.format === 'adaptiveCard' ? adaptiveCardPayload(view) : messageCardPayload(view);
    case 'discord':
      return discordPayload(provider, view);
    case 'gchat':
    case 'googlechat':
      return googleChatPayload(view);
    case 'rocket':
      return rocketPayload(provider, view);
    case 'webhook':
      return view.data;
  }
}

const shortSha = (sha: string) => sha.slice(0, 7);

/** Slack's mrkdwn escapes &, < and > (api.slack.com "Formatting text for app surfaces"). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackCommit(view: MessageView): string | undefined {
  if (view.commit === undefined) return undefined;
  const sha = shortSha(view.commit.sha);
  return view.commit.url ? `<${view.commit.url}|${sha}>` : sha;
}

/**
 * Slack incoming webhook: `text` (the notification's fallback) and one legacy attachment as
 * Flagger's slack.go sends it (color good/danger, author_name, text, mrkdwn_in, fields); warn is
 * Slack's `warning` color. channel/username only when set (app webhooks ignore them).
 */
function slackPayload(provider: NotificationProvider, view: MessageView) {
  const commit = slackCommit(view);
  const evidence =
    view.evidence.length > 0
      ? `\n*Gate evidence*\n${view.evidence.map((line) => `• ${slackEscape(line)}`).join('\n')}`
      : '';
  return {
    ...(provider.channel ? { channel: provider.channel } : {}),
    ...(provider.username ? { username: provider.username } : {}),
    icon_emoji: ':rocket:',
    text: slackEscape(view.title),
    attachments: [
      {
        color: { info: 'good', warn: 'warning', error: 'danger' }[view.severity],
        author_name: view.source,
        text: `${slackEscape(view.title)}${evidence}`,
        mrkdwn_in: ['text'],
        fields: [
          ...view.facts.map((fact) => ({ title: fact.name, value: slackEscape(fact.value), short: true })),
          ...(commit ? [{ title: 'Commit', value: commit, short: true }] : []),
          ...(view.job ? [{ title: 'Job', value: `<${view.job.url}|CI job>`, short: true }] : []),
        ],
        ts: Math.floor(Date.parse(view.time) / 1000),
      },
    ],
  };
}

/** Flagger's teams.go colors: 0076D7, FF0000 on error; warn in amber. */
const TEAMS_COLOR: Record<Severity, string> = { info: '0076D7', warn: 'FFA500', error: 'FF0000' };

/** Microsoft Teams connector webhook: the legacy MessageCard, as Flagger's teams.go sends it. */
function messageCardPayload(view: MessageView) {
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    themeColor: TEAMS_COLOR[view.severity],
    summary: view.title,
    sections: [
      {
        activityTitle: view.title,
        activitySubtitle: view.source,
        facts: [
          ...view.facts,
          ...(view.commit ? [{ name: 'Commit', value: shortSha(view.commit.sha) }] : []),
        ],
        ...(view.evidence.length > 0 ? { text: view.evidence.map((line) => `- ${line}`).join('\n\n') } : {}),
      },
    ],
    ...(view.commit?.url || view.job
      ? {
          potentialAction: [
            ...(view.commit?.url
              ? [
                  {
                    '@type': 'OpenUri',
                    name: 'View commit',
                    targets: [{ os: 'default', uri: view.commit.url }],
                  },
                ]
              : []),
            ...(view.job
              ? [{ '@type': 'OpenUri', name: 'View job', targets: [{ os: 'default', uri: view.job.url }] }]
              : []),
          ],
        }
      : {}),
  };
}

/** Microsoft Teams Workflows webhook: a message with one Adaptive Card (schema 1.4) attachment. */
function adaptiveCardPayload(view: MessageView) {
  const color = { info: 'Good', warn: 'Warning', error: 'Attention' }[view.severity];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: view.title, weight: 'Bolder', size: 'Medium', wrap: true, color },
            { type: 'TextBlock', text: view.source, isSubtle: true, spacing: 'None', wrap: true },
            {
              type: 'FactSet',
              facts: [
                ...view.facts.map((fact) => ({ title: fact.name, value: fact.value })),
                ...(view.commit ? [{ title: 'Commit', value: shortSha(view.commit.sha) }] : []),
              ],
            },
            ...view.evidence.map((line) => ({ type: 'TextBlock', text: line, wrap: true, size: 'Small' })),
          ],
          ...(view.commit?.url || view.job
            ? {
                actions: [
                  ...(view.commit?.url
                    ? [{ type: 'Action.OpenUrl', title: 'View commit', url: view.commit.url }]
                    : []),
                  ...(view.job ? [{ type: 'Action.OpenUrl', title: 'View job', url: view.job.url }] : []),
                ],
              }
            : {}),
        },
      },
    ],
  };
}

/** Discord's documented limits (Execute Webhook / Embed Limits). */
const DISCORD = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
};
const DISCORD_COLOR: Record<Severity, number> = { info: 0x2eb886, warn: 0xdaa038, error: 0xa30200 };

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * Discord's own webhook format (content + embeds), not the Slack-compatible `/slack` endpoint
 * Flagger's discord.go posts to: embeds carry the color, fields and commit link natively. No
 * mentions are parsed from gate output.
 */
function discordPayload(provider: NotificationProvider, view: MessageView) {
  const fields = [
    ...view.facts.map((fact) => ({ name: fact.name, value: fact.value, inline: true })),
    ...(view.commit
      ? [
          {
            name: 'Commit',
            value: view.commit.url
              ? `[${shortSha(view.commit.sha)}](${view.commit.url})`
              : shortSha(view.commit.sha),
            inline: true,
          },
        ]
      : []),
    ...(view.job ? [{ name: 'Job', value: `[CI job](${view.job.url})`, inline: true }] : []),
  ]
    .slice(0, DISCORD.fields)
    .map((field) => ({
      ...field,
      name: cut(field.name, DISCORD.fieldName),
      value: cut(field.value, DISCORD.fieldValue),
    }));
  return {
    ...(provider.username ? { username: provider.username } : {}),
    content: cut(view.title, DISCORD.content),
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(view.source, DISCORD.title),
        ...(view.commit?.url ? { url: view.commit.url } : {}),
        ...(view.evidence.length > 0
          ? { description: cut(view.evidence.map((line) => `• ${line}`).join('\n'), DISCORD.description) }
          : {}),
        color: DISCORD_COLOR[view.severity],
        fields,
        timestamp: view.time,
        footer: { text: 'gitcanary' },
      },
    ],
  };
}

/** Google Chat card text allows a few HTML tags: escape the rest. */
function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Google Chat incoming webhook: `text` plus a cardsV2 card (Flagger's gchat.go still sends the
 * retired v1 `cards`): header, one decoratedText per fact, the evidence, a button to the commit.
 */
function googleChatPayload(view: MessageView) {
  const sections: unknown[] = [
    {
      widgets: [
        ...view.facts.map((fact) => ({
          decoratedText: { topLabel: fact.name, text: htmlEscape(fact.value) },
        })),
        ...(view.commit ? [{ decoratedText: { topLabel: 'Commit', text: shortSha(view.commit.sha) } }] : []),
      ],
    },
  ];
  if (view.evidence.length > 0) {
    sections.push({
      header: 'Gate evidence',
      widgets: view.evidence.map((line) => ({ textParagraph: { text: htmlEscape(line) } })),
    });
  }
  const buttons = [
    ...(view.commit?.url ? [{ text: 'View commit', onClick: { openLink: { url: view.commit.url } } }] : []),
    ...(view.job ? [{ text: 'View job', onClick: { openLink: { url: view.job.url } } }] : []),
  ];
  if (buttons.length > 0) sections.push({ widgets: [{ buttonList: { buttons } }] });
  return {
    text: view.title,
    cardsV2: [
      {
        cardId: `gitcanary-${view.trigger}`,
        card: { header: { title: view.title, subtitle: view.source }, sections },
      },
    ],
  };
}

/** Flagger's rocket.go colors: #0076D7, #FF0000 on error. */
const ROCKET_COLOR: Record<Severity, string> = { info: '#0076D7', warn: '#FFA500', error: '#FF0000' };

/** Rocket.Chat incoming webhook: `text` and one attachment, as Flagger's rocket.go sends it. */
function rocketPayload(provider: NotificationProvider, view: MessageView) {
  return {
    ...(provider.channel ? { channel: provider.channel } : {}),
    ...(provider.username ? { alias: provider.username } : {}),
    emoji: ':rocket:',
    text: view.title,
    attachments: [
      {
        color: ROCKET_COLOR[view.severity],
        author_name: view.source,
        ...(view.commit?.url
          ? { title: `Commit ${shortSha(view.commit.sha)}`, title_link: view.commit.url }
          : {}),
        text: view.evidence.map((line) => `• ${line}`).join('\n'),
        fields: [
          ...view.facts.map((fact) => ({ short: true, title: fact.name, value: fact.value })),
          ...(view.commit ? [{ short: true, title: 'Commit', value: shortSha(view.commit.sha) }] : []),
          ...(view.job ? [{ short: true, title: 'Job', value: `[CI job](${view.job.url})` }] : []),
        ],
        ts: view.time,
      },
    ],
  };
}

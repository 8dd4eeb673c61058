import { z } from 'zod';
import { startHttpServer, type TestHttpServer, type TestReply } from './http-server.js';

// What each chat provider's incoming webhook documents it accepts, as strict schemas: a field the
// provider does not know, a wrong type or a documented limit broken fails the test. Sources:
// - Slack: "Sending messages using incoming webhooks" and the secondary attachments reference
//   (api.slack.com/messaging/webhooks, api.slack.com/reference/messaging/attachments).
// - Microsoft Teams: "Legacy actionable message card reference" (MessageCard) and Workflows'
//   "post card in a chat or channel" message with an Adaptive Card 1.4 attachment
//   (adaptivecards.io/explorer: TextBlock, FactSet, Action.OpenUrl enums).
// - Discord: "Execute Webhook" and "Embed Limits" (discord.com/developers/docs/resources/webhook,
//   /resources/message#embed-object).
// - Google Chat: REST Message resource with cardsV2 (developers.google.com/workspace/chat/api/
//   reference/rest/v1/cards): header, sections, widgets textParagraph / decoratedText / buttonList.
// - Rocket.Chat: incoming webhook message and attachment fields (developer.rocket.chat,
//   "Message attachments" / chat.postMessage).

const hexColor = z.string().regex(/^#?[0-9A-Fa-f]{6}$/);

const slackField = z.strictObject({ title: z.string(), value: z.string(), short: z.boolean().optional() });
const slackAttachment = z.strictObject({
  fallback: z.string().optional(),
  color: z.union([z.enum(['good', 'warning', 'danger']), hexColor]).optional(),
  pretext: z.string().optional(),
  author_name: z.string().optional(),
  author_link: z.url().optional(),
  author_icon: z.url().optional(),
  title: z.string().optional(),
  title_link: z.url().optional(),
  text: z.string().optional(),
  fields: z.array(slackField).optional(),
  image_url: z.url().optional(),
  thumb_url: z.url().optional(),
  footer: z.string().optional(),
  footer_icon: z.url().optional(),
  ts: z.number().int().optional(),
  mrkdwn_in: z.array(z.enum(['pretext', 'text', 'fields'])).optional(),
});
export const slackPayload = z
  .strictObject({
    text: z.string().max(40_000).optional(),
    blocks: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
    attachments: z.array(slackAttachment).optional(),
    thread_ts: z.string().optional(),
    mrkdwn: z.boolean().optional(),
    // Legacy webhooks only; app webhooks ignore them.
    channel: z.string().optional(),
    username: z.string().optional(),
    icon_emoji: z
      .string()
      .regex(/^:[a-z0-9_+-]+:$/)
      .optional(),
    icon_url: z.url().optional(),
  })
  .refine(
    (payload) =>
      payload.text !== undefined || payload.blocks !== undefined || payload.attachments !== undefined,
    {
      message: 'Slack needs text, blocks or attachments',
    },
  );

const openUri = z.strictObject({
  '@type': z.literal('OpenUri'),
  name: z.string(),
  targets: z
    .array(z.strictObject({ os: z.enum(['default', 'iOS', 'android', 'windows']), uri: z.url() }))
    .min(1),
});
export const messageCardPayload = z
  .strictObject({
    '@type': z.literal('MessageCard'),
    '@context': z.enum(['http://schema.org/extensions', 'https://schema.org/extensions']),
    summary: z.string().optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    themeColor: z
      .string()
      .regex(/^[0-9A-Fa-f]{6}$/)
      .optional(),
    sections: z
      .array(
        z.strictObject({
          title: z.string().optional(),
          startGroup: z.boolean().optional(),
          activityTitle: z.string().optional(),
          activitySubtitle: z.string().optional(),
          activityText: z.string().optional(),
          activityImage: z.url().optional(),
          facts: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
          text: z.string().optional(),
          markdown: z.boolean().optional(),
          potentialAction: z.array(openUri).optional(),
        }),
      )
      .optional(),
    potentialAction: z.array(openUri).max(4).optional(),
  })
  // A card needs summary or text (the reference: "summary ... required if the card does not contain a text property").
  .refine((card) => card.summary !== undefined || card.text !== undefined, {
    message: 'summary or text required',
  });

const adaptiveSpacing = z.enum(['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding']);
const textBlock = z.strictObject({
  type: z.literal('TextBlock'),
  text: z.string(),
  color: z.enum(['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention']).optional(),
  size: z.enum(['Default', 'Small', 'Medium', 'Large', 'ExtraLarge']).optional(),
  weight: z.enum(['Default', 'Lighter', 'Bolder']).optional(),
  isSubtle: z.boolean().optional(),
  wrap: z.boolean().optional(),
  spacing: adaptiveSpacing.optional(),
  maxLines: z.number().int().optional(),
});
const factSet = z.strictObject({
  type: z.literal('FactSet'),
  facts: z.array(z.strictObject({ title: z.string(), value: z.string() })),
  spacing: adaptiveSpacing.optional(),
});
export const adaptiveCardPayload = z.strictObject({
  type: z.literal('message'),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.string().nullable().optional(),
        content: z.strictObject({
          $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json').optional(),
          type: z.literal('AdaptiveCard'),
          version: z.enum(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5']),
          body: z.array(z.union([textBlock, factSet])),
          actions: z
            .array(z.strictObject({ type: z.literal('Action.OpenUrl'), title: z.string(), url: z.url() }))
            .optional(),
        }),
      }),
    )
    .min(1),
});

const discordEmbed = z
  .strictObject({
    title: z.string().max(256).optional(),
    description: z.string().max(4096).optional(),
    url: z.url().optional(),
    timestamp: z.iso.datetime().optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    footer: z.strictObject({ text: z.string().max(2048), icon_url: z.url().optional() }).optional(),
    author: z.strictObject({ name: z.string().max(256), url: z.url().optional() }).optional(),
    fields: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(256),
          value: z.string().min(1).max(1024),
          inline: z.boolean().optional(),
        }),
      )
      .max(25)
      .optional(),
  })
  .refine(
    (embed) =>
      (embed.title?.length ?? 0) +
        (embed.description?.length ?? 0) +
        (embed.footer?.text.length ?? 0) +
        (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) <=
      6000,
    { message: 'an embed holds at most 6000 characters' },
  );
export const discordPayload = z
  .strictObject({
    content: z.string().max(2000).optional(),
    username: z.string().min(1).max(80).optional(),
    avatar_url: z.url().optional(),
    tts: z.boolean().optional(),
    embeds: z.array(discordEmbed).max(10).optional(),
    allowed_mentions: z
      .strictObject({
        parse: z.array(z.enum(['roles', 'users', 'everyone'])).optional(),
        roles: z.array(z.string()).optional(),
        users: z.array(z.string()).optional(),
      })
      .optional(),
  })
  .refine((payload) => payload.content !== undefined || payload.embeds !== undefined, {
    message: 'Discord needs content or embeds',
  });

const chatWidget = z.union([
  z.strictObject({ textParagraph: z.strictObject({ text: z.string() }) }),
  z.strictObject({
    decoratedText: z.strictObject({
      topLabel: z.string().optional(),
      text: z.string(),
      bottomLabel: z.string().optional(),
      wrapText: z.boolean().optional(),
    }),
  }),
  z.strictObject({
    buttonList: z.strictObject({
      buttons: z.array(
        z.strictObject({
          text: z.string(),
          onClick: z.strictObject({ openLink: z.strictObject({ url: z.url() }) }),
        }),
      ),
    }),
  }),
]);
export const googleChatPayload = z
  .strictObject({
    text: z.string().optional(),
    cardsV2: z
      .array(
        z.strictObject({
          cardId: z.string().min(1),
          card: z.strictObject({
            header: z
              .strictObject({
                title: z.string(),
                subtitle: z.string().optional(),
                imageUrl: z.url().optional(),
              })
              .optional(),
            sections: z.array(
              z.strictObject({
                header: z.string().optional(),
                collapsible: z.boolean().optional(),
                widgets: z.array(chatWidget).min(1),
              }),
            ),
          }),
        }),
      )
      .optional(),
  })
  .refine((message) => message.text !== undefined || message.cardsV2 !== undefined, {
    message: 'Google Chat needs text or cardsV2',
  });

export const rocketPayload = z.strictObject({
  text: z.string().optional(),
  alias: z.string().optional(),
  emoji: z
    .string()
    .regex(/^:[a-z0-9_+-]+:$/)
    .optional(),
  avatar: z.url().optional(),
  channel: z.string().optional(),
  attachments: z
    .array(
      z.strictObject({
        color: z.string().optional(),
        text: z.string().optional(),
        ts: z.string().optional(),
        author_name: z.string().optional(),
        author_link: z.url().optional(),
        title: z.string().optional(),
        title_link: z.url().optional(),
        collapsed: z.boolean().optional(),
        fields: z
          .array(z.strictObject({ short: z.boolean().optional(), title: z.string(), value: z.string() }))
          .optional(),
      }),
    )
    .optional(),
});

/** gitcanary's generic webhook body, as docs/configuration.md documents it. */
export const genericPayload = z.strictObject({
  release: z.string(),
  namespace: z.string(),
  releaseId: z.string().optional(),
  trigger: z.enum(['started', 'step-committed', 'paused', 'analysis-failed', 'rolled-back', 'promoted']),
  severity: z.enum(['info', 'warn', 'error']),
  message: z.string(),
  image: z.string().optional(),
  stableImage: z.string().optional(),
  step: z.strictObject({ index: z.number().int(), total: z.number().int() }).optional(),
  weight: z.number().optional(),
  phase: z.string().optional(),
  commit: z.strictObject({ sha: z.string(), url: z.url().optional() }).nullable(),
  job: z.url().nullable(),
  evidence: z.array(
    z.strictObject({
      gate: z.string(),
      kind: z.string(),
      verdict: z.enum(['pass', 'fail', 'inconclusive']),
      value: z.union([z.string(), z.number()]).optional(),
      threshold: z.string().optional(),
      message: z.string(),
    }),
  ),
  timestamp: z.iso.datetime(),
});

/** Receiver path → the schema of what that provider accepts. */
export const PAYLOADS = {
  slack: slackPayload,
  msteams: messageCardPayload,
  'msteams-adaptive': adaptiveCardPayload,
  discord: discordPayload,
  gchat: googleChatPayload,
  rocket: rocketPayload,
  webhook: genericPayload,
} as const;
export type ReceiverPath = keyof typeof PAYLOADS;

export interface ChatMessage {
  path: ReceiverPath;
  /** The request path with its query, e.g. `/webhook?alert=error`. */
  target: string;
  body: Record<string, unknown>;
}

/** One loopback server standing in for every provider: `/<provider>` checks that provider's shape. */
export interface ChatReceivers {
  server: TestHttpServer;
  url(path: ReceiverPath): string;
  messages: ChatMessage[];
  /** Schema violations, `path: issue`; tests assert it stays empty. */
  errors: string[];
  of(path: ReceiverPath): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startChatReceivers(
  reply: (path: ReceiverPath, index: number) => TestReply = (path) => ({
    status: path === 'discord' ? 204 : 200,
  }),
): Promise<ChatReceivers> {
  const messages: ChatMessage[] = [];
  const errors: string[] = [];
  const server = await startHttpServer((request) => {
    const route = request.path.replace(/^\//, '').replace(/\?.*$/, '') as ReceiverPath;
    const schema = PAYLOADS[route];
    if (schema === undefined) {
      errors.push(`${request.path}: no such receiver`);
      return { status: 404 };
    }
    if (request.headers['content-type'] !== 'application/json')
      errors.push(`${route}: content-type ${request.headers['content-type']}`);
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      errors.push(`${route}: body is not JSON`);
      return { status: 400 };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`${route}: ${issue.path.join('.')}: ${issue.message}`);
    }
    messages.push({ path: route, target: request.path, body: body as Record<string, unknown> });
    return reply(route, messages.filter((message) => message.path === route).length - 1);
  });
  return {
    server,
    url: (path) => `${server.url}/${path}`,
    messages,
    errors,
    of: (path) => messages.filter((message) => message.path === path).map((message) => message.body),
    close: () => server.close(),
  };
}

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { GitcanaryError } from '../../src/errors.js';
import { commitLinker } from '../../src/notify/links.js';
import { alertWants, type Severity } from '../../src/notify/notices.js';
import { demoConfig } from '../support/gitops.js';

describe('alert severity, as Flagger filters it (pkg/controller/events.go alert())', () => {
  const table: [Severity | '', Severity, boolean][] = [
    ['info', 'info', true],
    ['info', 'warn', true],
    ['info', 'error', true],
    ['', 'info', true],
    ['warn', 'info', false],
    ['warn', 'warn', true],
    ['warn', 'error', true],
    ['error', 'info', false],
    ['error', 'warn', false],
    ['error', 'error', true],
  ];
  it.each(table)('an alert of severity "%s" hears a %s alert: %s', (alert, severity, heard) => {
    expect(alertWants(alert, severity)).toBe(heard);
  });
});

describe('commit links', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  it.each([
    ['https://github.com/acme/gitops.git', `https://github.com/acme/gitops/commit/${sha}`],
    [
      'https://x-access-token:ghs_secret@github.com/acme/gitops',
      `https://github.com/acme/gitops/commit/${sha}`,
    ],
    ['git@github.com:acme/gitops.git', `https://github.com/acme/gitops/commit/${sha}`],
    ['ssh://git@gitlab.com/group/sub/gitops.git', `https://gitlab.com/group/sub/gitops/-/commit/${sha}`],
    [
      'https://gitlab.example.com/platform/gitops',
      `https://gitlab.example.com/platform/gitops/-/commit/${sha}`,
    ],
  ])('derives the commit page of %s without its credentials', (repo, url) => {
    expect(commitLinker(repo, undefined)?.(sha)).toBe(url);
  });

  it.each(['./gitops.git', '/srv/git/gitops.git', 'https://git.example.com/acme/gitops.git'])(
    'gives no link for %s, whose web pages are unknown',
    (repo) => {
      expect(commitLinker(repo, undefined)).toBeUndefined();
    },
  );

  it('uses the commitUrl template when set', () => {
    expect(commitLinker('./gitops.git', 'https://gitea.example.com/acme/gitops/commit/{{sha}}')?.(sha)).toBe(
      `https://gitea.example.com/acme/gitops/commit/${sha}`,
    );
  });
});

describe('notification config', () => {
  const load = (extra: string) => parseConfig(demoConfig({ extra }), '/tmp/gitcanary.yaml');
  const error = async (extra: string): Promise<GitcanaryError> => {
    try {
      await load(extra);
    } catch (caught) {
      if (caught instanceof GitcanaryError) return caught;
      throw caught;
    }
    throw new Error('expected a config error');
  };

  it('accepts providers by name and inline, and triggers by name', async () => {
    const { config } = await load(`  notifications:
    providers:
      team: { type: slack, urlEnv: SLACK_WEBHOOK_URL, channel: releases }
    triggers:
      - { on: [rolled-back, promoted], provider: team }
      - { on: [paused], provider: { type: msteams, urlFile: secrets/teams-url, format: adaptiveCard } }
`);
    expect(config.spec.notifications?.triggers).toHaveLength(2);
  });

  it('refuses a webhook URL written in the config: it is a secret', async () => {
    const refused = await error(`  notifications:
    providers:
      team: { type: slack, address: "https://hooks.slack.com/services/T0/B0/x" }
`);
    expect(refused.message).toContain('a webhook URL is a secret');
    expect(refused.place.field).toBe('spec.notifications.providers.team.address');
  });

  it('refuses a trigger naming a provider that is not defined', async () => {
    const refused = await error(`  notifications:
    triggers:
      - { on: [promoted], provider: team }
`);
    expect(refused.message).toContain('provider `team` is not defined');
    expect(refused.place.field).toBe('spec.notifications.triggers[0].provider');
  });

  it('refuses an unknown trigger and names the known ones', async () => {
    const refused = await error(`  notifications:
    triggers:
      - { on: [finished], provider: { type: webhook, urlEnv: HOOK } }
`);
    expect(refused.place.field).toBe('spec.notifications.triggers[0].on[0]');
    expect(refused.message).toContain('promoted');
  });
});

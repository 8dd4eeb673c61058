import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { defaultReleaseSchema, flaggerIssues, parseConfig } from '../../src/config/index.js';
import { GitcanaryError } from '../../src/errors.js';
import { githubWorkflowProblems, looksLikeGitHubWorkflow } from '../support/github-workflow.js';
import { gitlabCiProblems, looksLikeGitLabCi } from '../support/gitlab-ci.js';

// Every ```yaml block in README.md and docs/*.md is loaded: a whole gitcanary.yaml validates
// against the release schema (cross-field checks included), a fragment (`steps:`, `gates:`,
// `analysis:`, `notifications:`, … at the top) validates against the part of `spec` it shows, a
// Kubernetes manifest parses, a GitHub workflow passes GitHub's workflow parser, a .gitlab-ci.yml
// validates against GitLab's CI schema. A block that is
// none of these fails, so no snippet goes unchecked.

const ROOT = path.join(import.meta.dirname, '..', '..');
const FILES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

interface Snippet {
  file: string;
  line: number;
  text: string;
}

/** Fenced blocks tagged yaml or yml, with the line their first YAML line is on. */
function yamlSnippets(file: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(yaml|yml)\b/.exec(lines[index]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) body.push(lines[end++]!);
    snippets.push({ file, line: index + 2, text: body.join('\n') });
    index = end;
  }
  return snippets;
}

const specShape: Record<string, SafeParser> = {
  ...(defaultReleaseSchema() as unknown as { shape: { spec: { shape: Record<string, SafeParser> } } }).shape
    .spec.shape,
};

interface SafeParser {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

/** The problems of one snippet; empty when it is valid. */
async function snippetProblems(snippet: Snippet): Promise<string[]> {
  const documents = parseAllDocuments(snippet.text);
  const docs = Array.isArray(documents) ? documents : [];
  const syntax = docs.flatMap((doc) => doc.errors.map((error) => `YAML: ${error.message}`));
  if (syntax.length > 0) return syntax;
  const values = docs
    .map((doc) => doc.toJS() as unknown)
    .filter((value) => value !== null && value !== undefined);
  if (values.length === 0) return ['the block holds no YAML document'];
  return (await Promise.all(values.map((value) => documentProblems(snippet, value)))).flat();
}

async function documentProblems(snippet: Snippet, value: unknown): Promise<string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ['expected a mapping at the top'];
  const record = value as Record<string, unknown>;
  if (record.apiVersion === 'gitcanary.dev/v1alpha1') {
    try {
      await parseConfig(snippet.text, path.join(ROOT, snippet.file));
      return [];
    } catch (error) {
      return [error instanceof GitcanaryError ? error.format() : String(error)];
    }
  }
  if (typeof record.apiVersion === 'string' && typeof record.kind === 'string') return []; // a manifest: it parsed
  if (looksLikeGitHubWorkflow(record))
    return githubWorkflowProblems(snippet.text, snippet.file).map((problem) => `GitHub workflow: ${problem}`);
  if (looksLikeGitLabCi(record)) return gitlabCiProblems(record).map((problem) => `GitLab CI: ${problem}`);
  // `spec:` around fragments (as a config shows them) is read as the fragments.
  if (Object.keys(record).length === 1 && isMapping(record.spec))
    return documentProblems(snippet, record.spec);
  const unknown = Object.keys(record).filter((key) => !(key in specShape));
  if (unknown.length > 0) {
    return [
      `neither a gitcanary.yaml, a Kubernetes manifest nor a spec fragment: unknown top-level ${unknown.join(', ')}`,
    ];
  }
  return Object.entries(record).flatMap(([key, part]) => {
    const parsed = specShape[key]!.safeParse(part);
    const issues = parsed.success
      ? []
      : (parsed.error?.issues ?? []).map(
          (issue) => `spec.${[key, ...issue.path.map(String)].join('.')}: ${issue.message}`,
        );
    if (parsed.success && key === 'analysis') {
      issues.push(
        ...flaggerIssues(part as Parameters<typeof flaggerIssues>[0], { router: 'apisix' }).map(
          (issue) => `spec.analysis.${issue.path.join('.')}: ${issue.message}`,
        ),
      );
    }
    return issues;
  });
}

const snippets = FILES.flatMap((file) => yamlSnippets(file, readFileSync(path.join(ROOT, file), 'utf8')));

describe('YAML snippets in README.md and docs/', () => {
  it('finds the README configuration example and the docs snippets', () => {
    expect(snippets.filter((snippet) => snippet.file === 'README.md').length).toBeGreaterThanOrEqual(1);
    expect(snippets.filter((snippet) => snippet.file.startsWith('docs/')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(snippets.map((snippet) => [`${snippet.file}:${snippet.line}`, snippet] as const))(
    '%s is valid',
    async (_, snippet) => {
      expect(await snippetProblems(snippet)).toEqual([]);
    },
  );

  it.each([
    [
      'a weight out of range in a steps fragment',
      'steps:\n  - setWeight: 120\n',
      'weight must be between 0 and 100',
    ],
    ['a misspelled gate field', 'gates:\n  smoke: { command: "true", timeot: 5s }\n', 'timeot'],
    [
      'a whole config missing its workload',
      'apiVersion: gitcanary.dev/v1alpha1\nkind: Release\nmetadata: { name: x }\nspec:\n  git: { repo: ./r }\n  steps: [{ setWeight: 10 }]\n',
      'workload',
    ],
    ['a key that belongs nowhere', 'stepz:\n  - setWeight: 10\n', 'unknown top-level stepz'],
    ['broken YAML', 'steps: [\n', 'YAML'],
    [
      'a GitLab CI job with a keyword GitLab does not know',
      'deploy:\n  script: [gitcanary step]\n  whenn: manual\n',
      'GitLab CI',
    ],
    [
      'a GitHub workflow job without runs-on',
      'on: push\njobs:\n  release:\n    runs-onn: ubuntu-latest\n    steps:\n      - uses: ./\n',
      "GitHub workflow: README.md (Line: 4, Col: 5): Unexpected value 'runs-onn'",
    ],
    [
      'a GitLab forge without /api/v4',
      'forge:\n  gitlab: { apiUrl: "https://gitlab.example.com" }\n',
      'spec.forge.gitlab.apiUrl',
    ],
    ['a Flagger block gitcanary cannot expand', 'analysis:\n  interval: 1m\n', 'stepWeight'],
  ])('rejects %s', async (_, text, problem) => {
    expect((await snippetProblems({ file: 'README.md', line: 1, text })).join('\n')).toContain(problem);
  });
});

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

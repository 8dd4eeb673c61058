import { GitcanaryError } from '../errors.js';
import { CONTROL_CHARACTERS } from './runner.js';

// Machine-readable trailers on every gitcanary commit: `status`, `step` and resume read the
// release's position from these, not from a side database.
export const GITCANARY_TRAILERS = {
  /** Release name (the app being released). */
  release: 'Gitcanary-Release',
  /** Unique id of one release of that app, so a later release is not confused with this one. */
  releaseId: 'Gitcanary-Release-Id',
  /** `i/N`: index of the step just committed and the plan's step count. */
  step: 'Gitcanary-Step',
  /** Phase after this commit: Progressing, Paused, Promoted, RolledBack, Failed. */
  phase: 'Gitcanary-Phase',
  /** Canary weight (0–100) the manifests say after this commit. */
  weight: 'Gitcanary-Weight',
  /** Candidate (canary) image reference. */
  image: 'Gitcanary-Image',
  /** Stable image reference the release started from. */
  stableImage: 'Gitcanary-Stable-Image',
  /** Image the canary workload ran before the release (restored on rollback). */
  previousImage: 'Gitcanary-Previous-Image',
  /** Fingerprint of the targets the release writes (the config that owns the release). */
  targets: 'Gitcanary-Targets',
  /** Canary replica counts before the release, as JSON (only when a workload carries the scale). */
  baselineScale: 'Gitcanary-Baseline-Scale',
  /** What this commit does: start, supersede, step, resume, promote, finish, rollback, abort. */
  action: 'Gitcanary-Action',
  /** Web page of the CI job that made the commit (GitLab CI job, GitHub Actions run), when one did. */
  job: 'Gitcanary-Job',
} as const;

export type GitcanaryTrailer = (typeof GITCANARY_TRAILERS)[keyof typeof GITCANARY_TRAILERS];

export const GITCANARY_ACTIONS = [
  'start',
  'supersede',
  'step',
  'resume',
  'promote',
  'finish',
  'rollback',
  'abort',
] as const;
export type GitcanaryAction = (typeof GITCANARY_ACTIONS)[number];

/** Prefix shared by all our trailer keys; a commit carrying one is a gitcanary commit. */
export const GITCANARY_TRAILER_PREFIX = 'Gitcanary-';

// Git accepts trailer tokens made of alphanumerics and dashes; anything else would not parse back.
const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Throws GIT_FAILED unless every key is a trailer token and every value a non-empty single line. */
export function validateTrailers(trailers: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(trailers)) {
    if (!TRAILER_KEY.test(key)) {
      throw new GitcanaryError(
        'GIT_FAILED',
        `commit trailer key ${JSON.stringify(key)} is not a git trailer token`,
        {
          field: key,
          hint: 'use letters, digits and dashes, e.g. Gitcanary-Step',
        },
      );
    }
    // A newline would fold into a continuation line or end the trailer block.
    if (CONTROL_CHARACTERS.test(value)) {
      throw new GitcanaryError('GIT_FAILED', `commit trailer ${key} must be a single line`, {
        field: key,
        hint: 'newlines and control characters cannot be stored in a trailer value',
      });
    }
    if (value.trim() === '') {
      throw new GitcanaryError('GIT_FAILED', `commit trailer ${key} is empty`, {
        field: key,
        hint: 'leave the trailer out instead of writing an empty value',
      });
    }
  }
}

/** The commit message: the text, a blank line, then one `Key: value` line per trailer (git's convention). */
export function formatCommitMessage(message: string, trailers: Readonly<Record<string, string>>): string {
  validateTrailers(trailers);
  const text = message.replace(/\s+$/, '');
  if (text.trim() === '') throw new GitcanaryError('GIT_FAILED', 'commit message is empty');
  const lines = Object.entries(trailers).map(([key, value]) => `${key}: ${value.trim()}`);
  return lines.length === 0 ? `${text}\n` : `${text}\n\n${lines.join('\n')}\n`;
}

/** Parses `%(trailers:only,unfold,separator=%x1d)` output; a repeated key keeps its last value. */
export function parseTrailerField(field: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of field.split('\x1d')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    trailers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return trailers;
}

export function hasGitcanaryTrailer(trailers: Readonly<Record<string, string>>): boolean {
  return Object.keys(trailers).some((key) =>
    key.toLowerCase().startsWith(GITCANARY_TRAILER_PREFIX.toLowerCase()),
  );
}

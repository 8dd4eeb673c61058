import { GitcanaryError } from '../errors.js';
import { maskSecrets } from './secrets.js';

// `--dotenv <file>`: where the release stands as KEY=value lines that GitLab's dotenv report
// (`artifacts:reports:dotenv`) turns into variables of later jobs. GitLab's parser
// (app/services/ci/parse_dotenv_artifact_service.rb) wants a file under 5 KB, every line
// `KEY=value` (no blank lines, no comments), keys of [a-zA-Z0-9_] (Ci::HasVariable), and keeps
// quotes as they are; 20 variables at most on the smallest plans. So: one line per variable, no
// quoting, values sanitised to one line of printable ASCII.

/** Where the release stands after a command; undefined fields are written empty. */
export interface ReleaseFacts {
  phase?: string | undefined;
  /** The last step done (`Gitcanary-Step` i), 0 for the start. */
  step?: number | undefined;
  /** Steps in the plan (N). */
  steps?: number | undefined;
  weight?: number | undefined;
  /** The release's newest commit. */
  commit?: string | undefined;
  image?: string | undefined;
  releaseId?: string | undefined;
  /** How the command ended: promoted, stepped, waiting, paused, rolledBack, aborted, noop, or error. */
  outcome?: string | undefined;
}

/** GitLab refuses a dotenv artifact of 5 KB or more (`artifact.file.size < dotenv_size`, 5120). */
export const DOTENV_MAX_BYTES = 5120;
/** Longest value written: eight of them stay far below the size limit. */
export const DOTENV_VALUE_LIMIT = 512;

/** The variables, in the order written. */
export function dotenvVariables(facts: ReleaseFacts): [string, string][] {
  const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  return [
    ['GITCANARY_PHASE', text(facts.phase)],
    ['GITCANARY_STEP', text(facts.step)],
    ['GITCANARY_STEPS', text(facts.steps)],
    ['GITCANARY_WEIGHT', text(facts.weight)],
    ['GITCANARY_COMMIT', text(facts.commit)],
    ['GITCANARY_IMAGE', text(facts.image)],
    ['GITCANARY_RELEASE_ID', text(facts.releaseId)],
    ['GITCANARY_OUTCOME', text(facts.outcome)],
  ];
}

/** The file's text: `KEY=value` lines, each ending in a line break. */
export function dotenvText(facts: ReleaseFacts): string {
  const text = dotenvVariables(facts)
    .map(([key, value]) => `${key}=${sanitizeDotenvValue(value)}\n`)
    .join('');
  // Cannot happen with the value limit; a guard so a future variable cannot make GitLab drop the file.
  if (Buffer.byteLength(text) >= DOTENV_MAX_BYTES)
    throw new GitcanaryError('INTERNAL', 'the dotenv report is over GitLab’s 5 KB limit');
  return text;
}

/**
 * One line GitLab reads back unchanged: secrets masked; line breaks, control characters, anything
 * outside printable ASCII and `$` (GitLab expands `$VAR` in variables that are not raw) become `_`;
 * outer spaces trimmed (GitLab strips them); at most DOTENV_VALUE_LIMIT characters.
 */
export function sanitizeDotenvValue(value: string): string {
  return maskSecrets(value)
    .replace(/[^\x20-\x7e]|\$/g, '_')
    .trim()
    .slice(0, DOTENV_VALUE_LIMIT)
    .trim();
}

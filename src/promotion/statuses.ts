import type { CommitVerdict, Forge, VerdictState } from '../forges/types.js';
import type { ReleaseEvent, Reporter } from '../report/events.js';
import { maskSecrets } from '../report/secrets.js';

// Gate verdicts as commit statuses on the release's commits (GitHub commit statuses, GitLab
// pipeline-less commit statuses): `gitcanary/<release>/<gate>` per gate and `gitcanary/<release>`
// for where the release stands, so the forge shows each commit's evidence next to it. A Reporter
// around the adapter's: it sees the same events, posts in the background, and never stops a release.

const GATE_STATE: Record<string, VerdictState> = {
  pass: 'success',
  fail: 'failure',
  inconclusive: 'pending',
  error: 'error',
};

export class CommitStatusReporter implements Reporter {
  readonly #next: Reporter;
  readonly #forge: Forge;
  readonly #release: string;
  /** The release commit gates are measured on: the newest one committed or synced. */
  #sha: string | undefined;
  readonly #posts: Promise<void>[] = [];
  readonly #newest: (() => Promise<string | undefined>) | undefined;

  /** `newest`: the release's newest commit, read when a gate runs before this command committed. */
  constructor(next: Reporter, forge: Forge, release: string, newest?: () => Promise<string | undefined>) {
    this.#next = next;
    this.#forge = forge;
    this.#release = release;
    this.#newest = newest;
  }

  event(event: ReleaseEvent): void {
    this.#next.event(event);
    const name = `gitcanary/${this.#release}`;
    if (event.type === 'commit') {
      this.#sha = event.sha;
      this.#post({
        name,
        state: 'pending',
        description: `step ${event.index}/${event.total}: ${event.action}, weight ${event.weight}%, ${event.phase}`,
      });
    } else if (event.type === 'gate') {
      const { result } = event;
      this.#post({
        name: `${name}/${result.gate}`,
        state: GATE_STATE[result.verdict] ?? 'error',
        description: `${result.verdict}${result.value === undefined ? '' : ` ${String(result.value)}`}: ${result.message}`,
      });
    } else if (event.type === 'done') {
      const state: VerdictState =
        event.outcome === 'promoted' || event.outcome === 'noop'
          ? 'success'
          : event.outcome === 'rolledBack' || event.outcome === 'aborted'
            ? 'failure'
            : 'pending';
      this.#post({ name, state, description: `${event.outcome}: ${event.message}` });
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.#posts);
    await this.#next.flush?.();
  }

  #post(verdict: Omit<CommitVerdict, 'sha'>): void {
    // The commit the event is about; the start commit's read may still be pending, so posts wait
    // for it, in order.
    const at = this.#sha;
    const previous = this.#posts.at(-1) ?? Promise.resolve();
    const post = previous.then(async () => {
      const sha = at ?? this.#sha ?? (await this.#newest?.().catch(() => undefined));
      if (sha === undefined) return;
      try {
        await this.#forge.setCommitStatus({
          ...verdict,
          sha,
          // GitHub keeps 140 characters of a status description.
          description: oneLine(maskSecrets(verdict.description)).slice(0, 140),
        });
      } catch (error) {
        this.#next.event({
          type: 'warning',
          field: 'spec.forge',
          message: `could not set the commit status ${verdict.name} on ${sha.slice(0, 7)}: ${maskSecrets(error instanceof Error ? error.message : String(error))}`,
        });
      }
    });
    this.#posts.push(post);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

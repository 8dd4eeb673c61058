import type { ReleaseEvent, Reporter } from '../report/events.js';

// The release's log on a runner: each step in a collapsible group (`::group::`), the lines inside
// printed by the CLI's reporter (text or JSON) so the two read alike.

export interface LogGroups {
  startGroup(name: string): void;
  endGroup(): void;
}

export class GroupedReporter implements Reporter {
  #open = false;

  constructor(
    private readonly inner: Reporter,
    private readonly groups: LogGroups,
  ) {}

  event(event: ReleaseEvent): void {
    if (event.type === 'step') {
      this.close();
      this.groups.startGroup(`[${event.index}/${event.total}] ${event.summary}`);
      this.#open = true;
    }
    if (event.type === 'done') this.close();
    this.inner.event(event);
  }

  /** Ends the open group, if any (also when the command threw mid-step). */
  close(): void {
    if (!this.#open) return;
    this.groups.endGroup();
    this.#open = false;
  }
}

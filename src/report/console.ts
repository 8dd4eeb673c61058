import type { ReleaseEvent, Reporter } from './events.js';
import { sanitizeEvidence, sanitizeGateResult } from './evidence.js';
import { maskSecrets } from './secrets.js';

type Write = (line: string) => void;

const defaultWrite: Write = (line) => process.stdout.write(`${line}\n`);

/** Human progress: the step (i/N), weights, gate verdicts, the commit made. */
export class ConsoleReporter implements Reporter {
  constructor(private readonly write: Write = defaultWrite) {}

  event(event: ReleaseEvent): void {
    const line = formatEvent(event);
    // No terminal escapes or control characters from gate output reach a terminal.
    if (line !== undefined) this.write(maskSecrets(sanitizeEvidence(line, Number.POSITIVE_INFINITY)));
  }
}

/** One JSON object per line. */
export class JsonReporter implements Reporter {
  constructor(private readonly write: Write = defaultWrite) {}

  event(event: ReleaseEvent): void {
    const shown = event.type === 'gate' ? { ...event, result: sanitizeGateResult(event.result) } : event;
    this.write(maskSecrets(JSON.stringify({ time: new Date().toISOString(), ...shown })));
  }
}

export function formatEvent(event: ReleaseEvent): string | undefined {
  switch (event.type) {
    case 'release':
      return `${event.action === 'resume' ? 'resuming' : event.action === 'supersede' ? 'superseding with' : 'starting'} release ${event.release} (${event.releaseId}) → ${event.image}, ${event.steps} steps${event.message ? `: ${event.message}` : ''}`;
    case 'step':
      return `[${event.index}/${event.total}] ${event.summary}`;
    case 'commit':
      return `  committed ${event.sha.slice(0, 7)} ${event.subject} (weight ${event.weight}%, ${event.phase}${event.attempts > 1 ? `, pushed after ${event.attempts} attempts` : ''})`;
    case 'wait':
      return `  waiting: ${event.reason}${event.until ? ` (until ${event.until})` : ''}`;
    case 'progress':
      return `  … ${event.message}`;
    case 'warning':
      return `warning: ${event.field}: ${event.message}`;
    case 'gate': {
      const r = sanitizeGateResult(event.result);
      const value = r.value === undefined ? '' : ` value=${r.value}`;
      const threshold = r.threshold === undefined ? '' : ` threshold ${r.threshold}`;
      return `  gate ${r.gate} (${r.kind}): ${r.verdict.toUpperCase()}${value}${threshold} — ${r.message}`;
    }
    case 'done':
      return `${event.outcome}: ${event.message}`;
  }
}
